import CShims
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Catches SIGTERM and SIGINT so the server can drain instead of dying mid-write; SIGPIPE is
/// ignored because peers that reset connections must not kill the process.
///
/// A plain `sigaction` handler writes each signal to a self-pipe and one thread reads it, so a
/// signal is never lost whichever thread the kernel delivers it to. Create the waiter before the
/// server listens: a supervisor may send SIGTERM as soon as the port answers.
final class SignalWaiter: Sendable {
    private let stream: AsyncStream<Int32>

    init() throws {
        let fd = tb_install_termination_pipe()
        guard fd >= 0 else {
            throw SignalSetupError(reason: String(cString: strerror(errno)))
        }
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        self.stream = stream
        let reader = Thread {
            _ = tb_name_thread("tb-signals")  // cosmetic: a refusal changes nothing
            var byte: UInt8 = 0
            while true {
                let n = read(fd, &byte, 1)
                if n == 1 {
                    continuation.yield(Int32(byte))
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    continuation.finish()
                    return
                }
            }
        }
        reader.start()
    }

    /// The next termination signal received (waits until one arrives).
    func next() async -> Int32 {
        var iterator = stream.makeAsyncIterator()
        return await iterator.next() ?? SIGTERM
    }
}

/// The signal handlers could not be installed.
struct SignalSetupError: Error, CustomStringConvertible {
    let reason: String
    var description: String { "cannot install signal handlers: \(reason)" }
}
