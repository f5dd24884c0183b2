// Fill fan-out benchmark client (not part of tradebotd); see scripts/bench-fanout.
//
//   tradebot-services-bench --server HOST:PORT --ca CERT --token TOKEN
//       [--subscribers 1000] [--connections 8] [--orders 2000] [--concurrency 32] [--rate 0]
//       [--symbol EURUSD]
//
// Opens `subscribers` real `Orders.SubscribeFills` streams spread over `connections` TLS HTTP/2
// connections, lets them settle (3 s), then submits `orders` MARKET orders (alternating buy and
// sell, so the position stays flat) over one more connection with `concurrency` in flight, paced
// at `rate` orders per second when given (0: as fast as they are answered). Every
// subscriber decodes every `FillEvent` and checks that sequences only grow. The run ends when every
// subscriber has received the fill of every accepted order of the run (recognised by the client
// order id). Prints the fan-out rate: deliveries (fills × subscribers, the strategy's fills
// included) from the first order to the last of those deliveries, plus per-subscriber counts, so
// one that missed a fill or was cut off shows up.
import Dispatch
import HTTP2Transport
import NetIO
import RPCCore
import Synchronization
import TradingProtocol
#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    let line = "tradebot-services-bench: \(message)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

var server = "127.0.0.1:50051"
var ca: String?
var token = ""
var subscribers = 1000
var connections = 8
var orders = 2000
var concurrency = 32
var rate = 0
var symbol = "EURUSD"
var args = CommandLine.arguments.dropFirst().makeIterator()
@MainActor func text(_ name: String) -> String {
    guard let value = args.next() else { fail("\(name) needs a value") }
    return value
}
@MainActor func number(_ name: String) -> Int {
    guard let value = Int(text(name)) else { fail("\(name) needs a number") }
    return value
}
/// `value` with `digits` decimals (no Foundation).
func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    guard digits > 0 else { return "\(scaled)" }
    let whole = scaled / Int(scale), fraction = String(abs(scaled % Int(scale)))
    return "\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
}
while let arg = args.next() {
    switch arg {
    case "--server": server = text(arg)
    case "--ca": ca = args.next()
    case "--token": token = text(arg)
    case "--subscribers": subscribers = number(arg)
    case "--connections": connections = number(arg)
    case "--orders": orders = number(arg)
    case "--concurrency": concurrency = number(arg)
    case "--rate": rate = number(arg)
    case "--symbol": symbol = text(arg)
    default: fail("unknown argument \(arg)")
    }
}
guard let colon = server.lastIndex(of: ":"), let port = Int(server[server.index(after: colon)...]) else {
    fail("--server must be host:port")
}
let host = String(server[..<colon])

/// What all subscribers saw, updated with atomics from their tasks.
final class Tally: Sendable {
    /// Set when the orders start: only deliveries from then on count towards the rate.
    let armed = Atomic<Bool>(false)
    let deliveries = Atomic<Int>(0)
    let outOfOrder = Atomic<Int>(0)
    let ended = Atomic<Int>(0)
    let counts: [Counter]
    /// Fills of this run's own orders (client order id `prefix…`), per subscriber.
    let ours: [Counter]
    let lastOursNanos = Atomic<UInt64>(0)
    init(subscribers: Int) {
        counts = (0..<subscribers).map { _ in Counter() }
        ours = (0..<subscribers).map { _ in Counter() }
    }

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    func record(_ subscriber: Int, own: Bool) {
        counts[subscriber].value.add(1, ordering: .relaxed)
        if own {
            ours[subscriber].value.add(1, ordering: .relaxed)
            lastOursNanos.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
        }
        guard armed.load(ordering: .relaxed) else { return }
        deliveries.add(1, ordering: .relaxed)
    }
}

var metadata = Metadata()
metadata.add("authorization", "Bearer \(token)")
let options = CallOptions(metadata: metadata)
let tls: TLSContext
do { tls = try TLSContext.client(trustRootsFile: ca) } catch { fail("TLS: \(error)") }

@MainActor func connect() async -> HTTP2ClientConnection {
    do { return try await HTTP2ClientConnection.connect(host: host, port: port, tls: tls) } catch {
        fail("cannot connect to \(server): \(error.code.name): \(error.message)")
    }
}

var subscriberConnections: [HTTP2ClientConnection] = []
for _ in 0..<max(1, connections) { subscriberConnections.append(await connect()) }
let orderConnection = await connect()
let tally = Tally(subscribers: subscribers)
let errors = Mutex<[String: Int]>([:])
let prefix = "fanout-\(getpid())-"

var request = TradebotV1.SubscribeFillsRequest()
request.symbols = [symbol]
for i in 0..<subscribers {
    let client = TradebotV1.Orders.Client(RPCClient(transport: subscriberConnections[i % subscriberConnections.count]))
    let stream = client.subscribeFills(request, options: options)
    Task {
        var last: UInt64 = 0
        do throws(RPCError) {
            // Whatever arrived since the last wake-up, each message decoded and checked.
            while let events = try await stream.nextBatch() {
                for event in events {
                    if event.sequence <= last { tally.outOfOrder.add(1, ordering: .relaxed) }
                    last = event.sequence
                    tally.record(i, own: event.fill?.clientOrderID.hasPrefix(prefix) ?? false)
                }
            }
        } catch {
            errors.withLock { $0["\(error.code.name): \(error.message.prefix(60))", default: 0] += 1 }
        }
        tally.ended.add(1, ordering: .relaxed)
    }
}

// Wait until the server counts every subscription (its /metrics gauge is not reachable from
// here without another client, so give the streams a fixed settling time and check none ended).
try? await Task.sleep(for: .seconds(3))
if tally.ended.load(ordering: .relaxed) > 0 {
    fail("\(tally.ended.load(ordering: .relaxed)) subscriptions ended before the run: \(errors.withLock { $0 })")
}

let orderCount = orders, inFlight = max(1, concurrency), orderSymbol = symbol, ordersPerSecond = rate
let orderClient = TradebotV1.Orders.Client(RPCClient(transport: orderConnection))
let submitted = Atomic<Int>(0)
let rejected = Atomic<Int>(0)
let countsBefore = tally.counts.map { $0.value.load(ordering: .relaxed) }
tally.armed.store(true, ordering: .relaxed)
let startedSubmitting = DispatchTime.now().uptimeNanoseconds
await withTaskGroup(of: Void.self) { group in
    for worker in 0..<inFlight {
        group.addTask {
            var k = worker
            while k < orderCount {
                if ordersPerSecond > 0 {
                    // Paced: order k is due k / rate seconds after the start.
                    let due = startedSubmitting + UInt64(k) * 1_000_000_000 / UInt64(ordersPerSecond)
                    let now = DispatchTime.now().uptimeNanoseconds
                    if due > now { try? await Task.sleep(nanoseconds: due - now) }
                }
                var order = TradebotV1.SubmitOrderRequest()
                order.symbol = orderSymbol
                order.clientOrderID = "\(prefix)\(k)"
                order.side = k % 2 == 0 ? .buy : .sell
                order.type = .market
                order.quantity = "1000"
                order.timeInForce = .day
                do throws(RPCError) {
                    _ = try await orderClient.submitOrder(order, options: options)
                    submitted.add(1, ordering: .relaxed)
                } catch {
                    if rejected.add(1, ordering: .relaxed).oldValue == 0 {
                        errors.withLock { $0["submit \(error.code.name): \(error.message.prefix(60))", default: 0] += 1 }
                    }
                }
                k += inFlight
            }
        }
    }
}
let submitSeconds = Double(DispatchTime.now().uptimeNanoseconds - startedSubmitting) / 1e9

// Done when every subscriber has the fill of every accepted order of this run (market orders fill
// on the next bar); the strategy's fills in between count as deliveries too.
var counts: [Int] = []
let accepted = submitted.load(ordering: .relaxed)
let giveUp = DispatchTime.now().uptimeNanoseconds + 120_000_000_000
while true {
    try? await Task.sleep(for: .milliseconds(10))
    let minimum = tally.ours.map { $0.value.load(ordering: .relaxed) }.min() ?? 0
    if minimum >= accepted || DispatchTime.now().uptimeNanoseconds > giveUp { break }
}
counts = zip(tally.counts, countsBefore).map { $0.value.load(ordering: .relaxed) - $1 }
let oursMin = tally.ours.map { $0.value.load(ordering: .relaxed) }.min() ?? 0
let total = counts.reduce(0, +)
let last = tally.lastOursNanos.load(ordering: .relaxed)
let seconds = Double(last &- startedSubmitting) / 1e9
let perSubscriberMin = counts.min() ?? 0, perSubscriberMax = counts.max() ?? 0

var status = TradebotV1.GetStatusResponse()
do throws(RPCError) {
    status = try await TradebotV1.System.Client(RPCClient(transport: orderConnection)).getStatus(options: options)
} catch {
    errors.withLock { $0["GetStatus \(error.code.name)", default: 0] += 1 }
}
@MainActor func sla(_ name: String) -> String {
    status.sla.first { $0.name == name }.map { "\($0.value) \($0.unit)" } ?? "n/a"
}

print("subscribers \(subscribers) over \(subscriberConnections.count) connections; orders submitted \(submitted.load(ordering: .relaxed)) of \(orders) in \(fixed(submitSeconds, 2)) s, failed \(rejected.load(ordering: .relaxed))")
print("own fills per subscriber: min \(oursMin) of \(accepted); all fills per subscriber during the run: min \(perSubscriberMin) max \(perSubscriberMax); out of order \(tally.outOfOrder.load(ordering: .relaxed)); streams ended early \(tally.ended.load(ordering: .relaxed))")
print("deliveries \(total) in \(fixed(seconds, 3)) s: \(fixed(seconds > 0 ? Double(total) / seconds : 0, 0)) deliveries/s")
print("GetStatus: trade_loop_latency_p95 \(sla("trade_loop_latency_p95")); api_latency_p95 \(sla("api_latency_p95"))")
var usage = rusage()
if getrusage(RUSAGE_SELF.rawValue, &usage) == 0 {
    let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    print("client CPU: \(fixed(cpu, 2)) s in total (decoding every message of every subscriber)")
}
let errorSummary = errors.withLock { $0 }
if !errorSummary.isEmpty { print("errors: \(errorSummary)") }
for c in subscriberConnections { await c.close() }
await orderConnection.close()
