// Transport benchmark server (not part of tradebotd); see scripts/bench-rpc.
//
//   tradebot-rpc-bench --port P --cert C --key K [--plaintext] [--loops N]
//
// Serves /bench.Echo/Say (unary echo, run inline on the event loop), /bench.Echo/SayAsync (the
// same echo in a task on the global pool), /bench.Echo/SayLoop (the same echo in a task whose
// executor is the event loop) and /bench.Echo/Stream
// (request = u32 BE count, u32 BE size; responds with `count` messages of `size` bytes).
import HTTP2Transport
import NetIO
import RPCCore
#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    let line = "tradebot-rpc-bench: \(message)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

var port = 50052
var cert: String?
var key: String?
var plaintext = false
var loops: Int?
var args = CommandLine.arguments.dropFirst().makeIterator()
while let arg = args.next() {
    switch arg {
    case "--port": port = args.next().flatMap { Int($0) } ?? { fail("--port needs a number") }()
    case "--cert": cert = args.next()
    case "--key": key = args.next()
    case "--plaintext": plaintext = true
    case "--loops": loops = args.next().flatMap { Int($0) }
    default: fail("unknown argument \(arg); usage: --port P --cert C --key K [--plaintext] [--loops N]")
    }
}

var router = RPCRouter()
router.register(MethodDescriptor(service: "bench.Echo", method: "Say", kind: .unary),
                handler: .inlineUnary { request, _ in request })
// The same echo as an async handler: the difference to Say is the cost of the task hop (event
// loop -> shared pool -> event loop) that every async unary RPC pays.
router.register(MethodDescriptor(service: "bench.Echo", method: "SayAsync", kind: .unary),
                handler: .unary { request, _ in request })
// The async echo as a `.loopUnary` handler: a task on the connection's event loop, no pool hop.
router.register(MethodDescriptor(service: "bench.Echo", method: "SayLoop", kind: .unary),
                handler: .loopUnary { request, _ in request })
router.register(MethodDescriptor(service: "bench.Echo", method: "Stream", kind: .serverStreaming),
                handler: .serverStreaming { request, _, writer in
    guard request.count == 8 else { throw RPCError(code: .invalidArgument, message: "request must be 8 bytes") }
    let count = Int(request[0]) << 24 | Int(request[1]) << 16 | Int(request[2]) << 8 | Int(request[3])
    let size = Int(request[4]) << 24 | Int(request[5]) << 16 | Int(request[6]) << 8 | Int(request[7])
    guard size <= 4 << 20 else { throw RPCError(code: .invalidArgument, message: "size too large") }
    let message = [UInt8](repeating: 0x61, count: size)
    for _ in 0..<count { try await writer.write(message) }
})

var tls: HTTP2ServerConfiguration.TLS?
if !plaintext {
    guard let cert, let key else { fail("--cert and --key are required unless --plaintext") }
    tls = .init(certificateChainFile: cert, privateKeyFile: key)
}
var configuration = HTTP2ServerConfiguration(host: "127.0.0.1", port: port, tls: tls)
configuration.eventLoopCount = loops
configuration.maxConcurrentStreams = 1024
signal(SIGPIPE, SIG_IGN)
do {
    let server = try HTTP2Server(configuration: configuration, router: router)
    try await server.start()
    let line = "tradebot-rpc-bench listening on 127.0.0.1:\(server.port) (\(plaintext ? "h2c" : "TLS 1.3"))\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    while true { try await Task.sleep(for: .seconds(3600)) }
} catch {
    fail("\(error)")
}
