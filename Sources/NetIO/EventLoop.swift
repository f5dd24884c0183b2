import CShims
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Receives readiness events for one file descriptor. Loop-thread only.
public protocol EventHandler: AnyObject {
    func handleEvent(_ events: UInt32)
}

/// One epoll thread. It owns the file descriptors registered on it and everything attached to
/// them (sockets, `SSL*`, protocol sessions): those are touched only on this thread.
///
/// Other threads hand work over with `execute` (a mutex-protected queue plus an eventfd wake-up).
/// Methods documented "loop thread only" must be called from closures running on this loop.
///
/// The loop is also a `TaskExecutor`: a task started with `Task(executorPreference: loop)` runs
/// its nonisolated code here and resumes here, with no hop through Swift's global pool (two
/// context switches per await on a small machine). The threading rule: a job run here must never
/// block (no locks held for long, no file or database I/O, no sleeping, no CPU-heavy work such as
/// password hashing), only compute briefly and await; while it runs, every connection of this loop
/// waits. Jobs that arrive after the loop thread has exited run on the global pool instead, so a
/// task suspended across shutdown still finishes.
public final class EventLoop: TaskExecutor, @unchecked Sendable {
    public let index: Int
    private let epollFD: Int32
    private let wakeFD: Int32
    /// One queued unit of work: a posted closure or a job of a task that prefers this executor.
    private enum Work {
        case closure(@Sendable () -> Void)
        case job(UnownedJob)
    }
    private struct Pending {
        var work: [Work] = []
        var wakeArmed = false
        /// The loop thread has exited: jobs go to the global pool, closures are kept (never run).
        var exited = false
    }
    private let pending = PThreadLocked(Pending())
    private let threadID = Atomic<UInt>(0)
    private let running = Atomic<Bool>(true)
    private let finished = PThreadLocked<[CheckedContinuation<Void, Never>]?>([])

    // Loop-thread state.
    private var handlers: [Int32: any EventHandler] = [:]
    /// `deferToEndOfTurn` work for the current turn.
    private var endOfTurn: [() -> Void] = []
    /// Thread-specific key naming the loop that runs on a thread (nil if the key could not be made:
    /// `deferToEndOfTurn` then runs nothing late, it only returns false).
    private static let currentKey: pthread_key_t? = {
        var key = pthread_key_t()
        return pthread_key_create(&key, nil) == 0 ? key : nil
    }()
    private var timers = TimerQueue()
    /// A scratch read buffer shared by every connection of this loop (loop thread only): idle
    /// connections then cost no read buffer of their own.
    public let readBuffer: UnsafeMutableRawBufferPointer

    init(index: Int) throws(NetIOError) {
        self.index = index
        epollFD = try SystemCall.check("epoll_create1", epoll_create1(Int32(EPOLL_CLOEXEC)))
        do {
            wakeFD = try SystemCall.check("eventfd", eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC)))
        } catch {
            close(epollFD)
            throw error
        }
        readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        var ev = epoll_event()
        ev.events = EPOLLIN.rawValue
        ev.data.fd = wakeFD
        _ = epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &ev)
    }

    deinit {
        close(wakeFD)
        close(epollFD)
        readBuffer.deallocate()
    }

    /// Starts the loop on a new thread.
    func start() throws(NetIOError) {
        var tid = pthread_t()
        let box = Unmanaged.passRetained(self).toOpaque()
        let rc = pthread_create(&tid, nil, { arg in
            guard let arg else { return nil }
            let loop = Unmanaged<EventLoop>.fromOpaque(arg).takeRetainedValue()
            loop.run()
            return nil
        }, box)
        if rc != 0 {
            Unmanaged<EventLoop>.fromOpaque(box).release()
            throw .system(call: "pthread_create", errno: rc)
        }
        pthread_detach(tid)
    }

    /// True when called on this loop's thread.
    public var inEventLoop: Bool { threadID.load(ordering: .relaxed) == UInt(pthread_self()) }

    /// Runs `task` on the loop thread soon. Thread-safe.
    public func execute(_ task: @escaping @Sendable () -> Void) {
        _ = post(.closure(task))
    }

    /// Runs a job of a task that prefers this executor, on the loop thread (see the type's
    /// threading rule). Thread-safe; from the loop thread itself it costs no wake-up.
    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        if !post(.job(unowned)) {
            globalConcurrentExecutor.enqueue(ExecutorJob(unowned))
        }
    }

    /// Queues `work`; false (nothing queued) for a job after the loop thread exited.
    ///
    /// From the loop thread no eventfd write is needed: the loop drains the queue after its
    /// readiness handlers, after its timers, and again before it exits, and nothing else runs on
    /// the loop thread; the queue is drained until empty before the loop sleeps.
    private func post(_ work: Work) -> Bool {
        let onLoop = inEventLoop
        let (queued, wake): (Bool, Bool) = pending.withLock { p in
            if p.exited, case .job = work { return (false, false) }
            p.work.append(work)
            if onLoop || p.wakeArmed || p.exited { return (true, false) }
            p.wakeArmed = true
            return (true, true)
        }
        if wake {
            var one: UInt64 = 1
            // EAGAIN: the counter is at its maximum, so a wake-up is pending anyway. Any other
            // failure disarms, so the next post tries again; the work stays queued meanwhile.
            if write(wakeFD, &one, 8) < 0 && errno != EAGAIN {
                pending.withLock { $0.wakeArmed = false }
            }
        }
        return queued
    }

    /// Runs `body` on the loop thread and returns its result.
    public func submit<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { c in
            execute { c.resume(returning: body()) }
        }
    }

    /// Asks the loop to exit after its current iteration. Registered descriptors are left to
    /// their owners (close connections first).
    public func stop() {
        running.store(false, ordering: .relaxed)
        execute {}
    }

    /// Waits until the loop thread has exited (after `stop`).
    public func waitUntilStopped() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let done: Bool = finished.withLock { list in
                guard list != nil else { return true }
                list!.append(c)
                return false
            }
            if done { c.resume() }
        }
    }

    // MARK: loop thread only

    /// Registers `handler` for `fd` with the given epoll interest. Loop thread only.
    public func register(fd: Int32, events: UInt32, handler: any EventHandler) throws(NetIOError) {
        var ev = epoll_event()
        ev.events = events
        ev.data.fd = fd
        try SystemCall.check("epoll_ctl(ADD)", epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &ev))
        handlers[fd] = handler
    }

    /// Changes the interest set of a registered descriptor. Loop thread only.
    public func modify(fd: Int32, events: UInt32) throws(NetIOError) {
        var ev = epoll_event()
        ev.events = events
        ev.data.fd = fd
        try SystemCall.check("epoll_ctl(MOD)", epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &ev))
    }

    /// Stops watching `fd` and drops the handler reference. Loop thread only. Does not close `fd`.
    public func deregister(fd: Int32) {
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
        handlers[fd] = nil
    }

    /// Runs `action` on this loop after `delay`. Loop thread only.
    @discardableResult
    public func schedule(after delay: Duration, _ action: @escaping () -> Void) -> TimerID {
        let (s, atto) = delay.components
        let ns = s <= 0 && atto <= 0 ? 0 : UInt64(max(0, s)) * 1_000_000_000 + UInt64(max(0, atto) / 1_000_000_000)
        return timers.schedule(afterNanoseconds: ns, action)
    }

    /// Cancels a timer; harmless if it already fired. Loop thread only.
    public func cancel(_ timer: TimerID) { timers.cancel(timer) }

    /// On an event-loop thread, queues `body` to run once this turn's readiness handlers, posted
    /// work and timers are done, right before the loop waits again, and returns true. Elsewhere
    /// returns false and does nothing.
    ///
    /// For doorbells to other threads: a handler that hands work to another thread (the engine's
    /// sequencer) can ring once per turn instead of once per request, so the other thread takes
    /// the turn's requests as one batch rather than being woken (and preempting this loop) for
    /// each of them. The delay is the rest of the turn, tens of microseconds.
    public static func deferToEndOfTurn(_ body: @escaping () -> Void) -> Bool {
        guard let key = currentKey, let raw = pthread_getspecific(key) else { return false }
        Unmanaged<EventLoop>.fromOpaque(raw).takeUnretainedValue().endOfTurn.append(body)
        return true
    }

    /// Runs the end-of-turn work queued so far, and what it posts to this loop. Loop thread only.
    private func runEndOfTurn() {
        while !endOfTurn.isEmpty {
            let hooks = endOfTurn
            endOfTurn.removeAll(keepingCapacity: true)
            for hook in hooks { hook() }
            runPendingTasks()
        }
    }

    /// Number of registered descriptors (connections + listeners). Loop thread only.
    public var registeredCount: Int { handlers.count }

    private func run() {
        threadID.store(UInt(pthread_self()), ordering: .relaxed)
        _ = tb_name_thread("tb-loop-\(index)")  // cosmetic (top -H, perf): a refusal changes nothing
        // Unretained: the thread clears it before `run` returns, while `self` is alive.
        if let key = Self.currentKey { _ = pthread_setspecific(key, Unmanaged.passUnretained(self).toOpaque()) }
        defer { if let key = Self.currentKey { _ = pthread_setspecific(key, nil) } }
        let maxEvents = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: maxEvents)
        defer { events.deallocate() }
        while running.load(ordering: .relaxed) {
            let timeout = timers.timeoutMilliseconds(now: TimerQueue.now())
            let n = epoll_wait(epollFD, events, Int32(maxEvents), timeout)
            if n < 0 && errno != EINTR { break }
            if n > 0 {
                for i in 0..<Int(n) {
                    let fd = events[i].data.fd
                    if fd == wakeFD {
                        var value: UInt64 = 0
                        _ = read(wakeFD, &value, 8)
                        continue
                    }
                    if let handler = handlers[fd] {
                        handler.handleEvent(events[i].events)
                    }
                }
            }
            runPendingTasks()
            if !timers.isEmpty {
                let expired = timers.takeExpired(now: TimerQueue.now())
                if !expired.isEmpty {
                    for action in expired { action() }
                    // A timer may have queued work without a wake-up (deadline → cancelled task).
                    runPendingTasks()
                }
            }
            runEndOfTurn()
        }
        runPendingTasks()
        runEndOfTurn()
        handlers.removeAll()
        // Timer closures may hold connections, which hold this loop: drop them to break the cycle.
        timers = TimerQueue()
        // From here on jobs run on the global pool; jobs queued by the teardown above go there too.
        let orphans: [UnownedJob] = pending.withLock { p in
            p.exited = true
            var jobs: [UnownedJob] = []
            p.work.removeAll { w in
                guard case .job(let j) = w else { return false }
                jobs.append(j)
                return true
            }
            return jobs
        }
        threadID.store(0, ordering: .relaxed)
        for job in orphans { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
        let waiters = finished.withLock { list -> [CheckedContinuation<Void, Never>] in
            defer { list = nil }
            return list ?? []
        }
        for w in waiters { w.resume() }
    }

    /// Runs queued closures and jobs until the queue is empty (work they queue runs too).
    private func runPendingTasks() {
        let executor = asUnownedTaskExecutor()
        while true {
            let work: [Work] = pending.withLock { p in
                p.wakeArmed = false
                defer { p.work = [] }
                return p.work
            }
            if work.isEmpty { return }
            for w in work {
                switch w {
                case .closure(let task): task()
                case .job(let job): job.runSynchronously(on: executor)
                }
            }
        }
    }
}
