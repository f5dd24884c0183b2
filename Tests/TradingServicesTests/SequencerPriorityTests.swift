import CShims
import Foundation
import RPCCore
import Testing
@testable import TradingServices

/// `TRADEBOT_SEQUENCER_PRIORITY`: parsing with clear errors, and applying it to one thread only.
@Suite("Sequencer priority setting")
struct SequencerPriorityTests {
    @Test("Unset and empty are the default slice:100; normal, nice, fifo and slice take bounded values")
    func parsing() throws {
        let v = SequencerPriority.variable
        #expect(SequencerPriority.standard == .slice(100))
        #expect(try SequencerPriority(environment: [:]) == .slice(100))
        #expect(try SequencerPriority(environment: [v: ""]) == .slice(100))
        #expect(try SequencerPriority(environment: [v: "normal"]) == .normal)
        #expect(try SequencerPriority(environment: [v: "nice:-10"]) == .nice(-10))
        #expect(try SequencerPriority(environment: [v: "nice:-20"]) == .nice(-20))
        #expect(try SequencerPriority(environment: [v: "fifo:1"]) == .fifo(1))
        #expect(try SequencerPriority(environment: [v: "fifo:10"]) == .fifo(10))
        #expect(try SequencerPriority(environment: [v: "slice:100"]) == .slice(100))
        #expect(try SequencerPriority(environment: [v: "slice:100000"]) == .slice(100_000))
        for bad in ["high", "nice:0", "nice:5", "nice:-21", "fifo:0", "fifo:11", "fifo:", "fifo:x", "rr:5", "nice",
                    "slice:99", "slice:100001", "slice:0", "slice:-100", "slice"] {
            #expect(throws: ConfigurationError.self, "\(bad)") { try SequencerPriority(environment: [v: bad]) }
        }
        #expect(SequencerPriority.fifo(3).description == "fifo:3")
        #expect(SequencerPriority.slice(250).description == "slice:250")
    }

    @Test("The config file key goes through the same parser")
    func schemaKey() {
        let key = ConfigSchema.byVariable[SequencerPriority.variable]
        #expect(key?.path == "server.sequencer_priority")
        #expect(key?.defaultValue == .string("slice:100"))
    }

    @Test("Applying nice changes only the calling thread, or reports the refusal and leaves it as it was")
    func appliesToOneThread() {
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let callerBefore = getpriority(which, 0)
        let result = Locked<(refusal: String?, niceAfter: Int32, niceBefore: Int32)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            errno = 0
            let before = getpriority(which, 0)
            let refusal = SequencerPriority.nice(-1).applyToCurrentThread()
            errno = 0
            let after = getpriority(which, 0)
            if refusal == nil {
                // Put the thread back, so the pool that may reuse it is not left raised.
                _ = setpriority(which, 0, before)
            }
            result.withLock { $0 = (refusal, after, before) }
            done.signal()
        }
        thread.start()
        done.wait()
        let r = result.withLock { $0 }
        if let r {
            if r.refusal == nil {
                #expect(r.niceAfter == -1)
            } else {
                #expect(r.niceAfter == r.niceBefore)
                #expect(r.refusal?.contains("setpriority") == true)
            }
        } else {
            Issue.record("the thread did not report")
        }
        errno = 0
        #expect(getpriority(which, 0) == callerBefore)
        #expect(SequencerPriority.normal.applyToCurrentThread() == nil)
    }

    @Test("A slice changes the calling thread's request size only and keeps its nice value")
    func sliceAppliesToOneThread() {
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        let callerSlice = tb_fair_slice()
        let result = Locked<(refusal: String?, sliceBefore: Int64, sliceAfter: Int64, niceBefore: Int32, niceAfter: Int32)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            // A nice value the mode must keep (raising one's own nice value needs no privilege).
            errno = 0
            _ = setpriority(which, 0, getpriority(which, 0) + 1)
            errno = 0
            let niceBefore = getpriority(which, 0)
            let sliceBefore = tb_fair_slice()
            let refusal = SequencerPriority.slice(250).applyToCurrentThread()
            let sliceAfter = tb_fair_slice()
            errno = 0
            let niceAfter = getpriority(which, 0)
            result.withLock { $0 = (refusal, sliceBefore, sliceAfter, niceBefore, niceAfter) }
            done.signal()
        }
        thread.start()
        done.wait()
        guard let r = result.withLock({ $0 }) else {
            Issue.record("the thread did not report")
            return
        }
        #expect(r.refusal == nil)
        #expect(r.niceAfter == r.niceBefore)
        if r.sliceBefore > 0 {
            // Linux 6.12 and later report the slice; older kernels report 0 and ignore it.
            #expect(r.sliceAfter == 250_000)
        } else {
            #expect(r.sliceAfter == 0)
        }
        #expect(tb_fair_slice() == callerSlice)
    }
}
