// Codec benchmark: encode+decode round trips per second of typical messages, decode + read every
// field, and heap allocations per decode. Run in release mode (docs/PERFORMANCE.md, "Codec (issue 3)"):
//
//   swift build -c release --product tradebot-codec-bench
//   .build/release/tradebot-codec-bench [--runs 5] [--iterations 2000000] [--only Fill]
import CMallocCounter
#if canImport(Glibc)
import Glibc
#endif
import TradingProtocol
import WireFormat

typealias V1 = TradebotV1

/// Keeps the optimizer from deleting the work being measured.
@inline(never)
func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

let timestamp = GoogleProtobuf.Timestamp(seconds: 1_764_028_800, nanos: 123_456_789)

/// A fill as the fill stream carries it.
let fill = V1.Fill {
    $0.fillID = "F-1042"; $0.orderID = "O-981"; $0.clientOrderID = "sma-000981"; $0.accountID = "paper"
    $0.symbol = "EURUSD"; $0.side = .buy; $0.quantity = "10000"; $0.price = "1.07219"; $0.commission = "0.35"
    $0.commissionCurrency = "USD"; $0.brokerTradeID = "T-55120"; $0.strategyID = "sma"; $0.executedAt = timestamp
}

/// A limit order with a bracket, as an external system submits it.
let submit = V1.SubmitOrderRequest {
    $0.clientOrderID = "ext-000981"; $0.symbol = "EURUSD"; $0.side = .buy; $0.type = .limit
    $0.quantity = "10000"; $0.limitPrice = "1.07219"; $0.timeInForce = .gtc; $0.stopLossPrice = "1.068"
    $0.takeProfitPrice = "1.08"; $0.strategyID = "sma"
}

/// A partially filled order as ListOrders / the order stream return it.
let order = V1.Order {
    $0.orderID = "O-981"; $0.clientOrderID = "ext-000981"; $0.accountID = "paper"; $0.symbol = "EURUSD"
    $0.side = .buy; $0.type = .limit; $0.timeInForce = .gtc; $0.status = .partiallyFilled; $0.quantity = "10000"
    $0.filledQuantity = "2500"; $0.limitPrice = "1.07219"; $0.averageFillPrice = "1.07211"
    $0.stopLossPrice = "1.068"; $0.takeProfitPrice = "1.08"; $0.strategyID = "sma"; $0.brokerOrderID = "B-77812"
    $0.createdAt = timestamp; $0.updatedAt = timestamp; $0.sequence = 1_842
}

struct Options {
    var runs = 5
    var iterations = 2_000_000
    /// Only report this message (`Fill`, `SubmitOrderRequest` or `Order`), for profiling.
    var only: String?

    init(_ arguments: [String]) {
        var index = 1
        while index < arguments.count {
            let value = index + 1 < arguments.count ? Int(arguments[index + 1]) : nil
            switch arguments[index] {
            case "--runs": runs = max(1, value ?? runs); index += 2
            case "--iterations": iterations = max(1, value ?? iterations); index += 2
            case "--only": only = index + 1 < arguments.count ? arguments[index + 1] : nil; index += 2
            default: index += 1
            }
        }
    }
}

/// CPU time this thread has used, in seconds. Rates are computed per CPU-second so they mean
/// "per core" even when the machine is shared (wall-clock rates are printed alongside).
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Median of `runs` timings of `iterations` encode+decode round trips; returns round trips/s.
func roundTripsPerSecond<M: ProtoMessage>(_ message: M, options: Options) -> (median: Double, wall: Double, all: [Double]) {
    var encoder = WireEncoder(reservingCapacity: 1024)
    var rates: [Double] = []
    var wallRates: [Double] = []
    let clock = ContinuousClock()
    for _ in 0..<options.runs {
        let start = clock.now
        let cpuStart = threadCPUSeconds()
        for _ in 0..<options.iterations {
            encoder.removeAll(keepingCapacity: true)
            message.encode(to: &encoder)
            encoder.withUnsafeBytes { raw in
                do { blackHole(try M(wireBytes: raw)) } catch { blackHole(error) }
            }
        }
        let cpu = threadCPUSeconds() - cpuStart
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        rates.append(Double(options.iterations) / cpu)
        wallRates.append(Double(options.iterations) / seconds)
    }
    return (rates.sorted()[rates.count / 2], wallRates.sorted()[wallRates.count / 2], rates)
}

/// Median encode-only and decode-only rates (operations/s), to show where a round trip goes.
func halves<M: ProtoMessage>(_ message: M, options: Options) -> (encode: Double, decode: Double) {
    var encoder = WireEncoder(reservingCapacity: 1024)
    let bytes = message.wireBytes()
    var encodeRates: [Double] = []
    var decodeRates: [Double] = []
    for _ in 0..<options.runs {
        var start = threadCPUSeconds()
        for _ in 0..<options.iterations {
            encoder.removeAll(keepingCapacity: true)
            message.encode(to: &encoder)
            blackHole(encoder.count)
        }
        encodeRates.append(Double(options.iterations) / (threadCPUSeconds() - start))
        start = threadCPUSeconds()
        bytes.withUnsafeBytes { raw in
            for _ in 0..<options.iterations {
                do { blackHole(try M(wireBytes: raw)) } catch { blackHole(error) }
            }
        }
        decodeRates.append(Double(options.iterations) / (threadCPUSeconds() - start))
    }
    return (encodeRates.sorted()[options.runs / 2], decodeRates.sorted()[options.runs / 2])
}

/// Median rates (operations/s) of "decode, then read every field" and of a round trip followed by
/// reading every field, as the server and tradectl use a message: a decoder that defers work to
/// the field getters pays for it here.
func readingRates<M: ProtoMessage>(_ message: M, options: Options, read: (M) -> Int) -> (decodeRead: Double, roundTripRead: Double) {
    var encoder = WireEncoder(reservingCapacity: 1024)
    let bytes = message.wireBytes()
    var decodeRates: [Double] = []
    var roundTripRates: [Double] = []
    for _ in 0..<options.runs {
        var start = threadCPUSeconds()
        bytes.withUnsafeBytes { raw in
            for _ in 0..<options.iterations {
                do { blackHole(read(try M(wireBytes: raw))) } catch { blackHole(error) }
            }
        }
        decodeRates.append(Double(options.iterations) / (threadCPUSeconds() - start))
        start = threadCPUSeconds()
        for _ in 0..<options.iterations {
            encoder.removeAll(keepingCapacity: true)
            message.encode(to: &encoder)
            encoder.withUnsafeBytes { raw in
                do { blackHole(read(try M(wireBytes: raw))) } catch { blackHole(error) }
            }
        }
        roundTripRates.append(Double(options.iterations) / (threadCPUSeconds() - start))
    }
    return (decodeRates.sorted()[options.runs / 2], roundTripRates.sorted()[options.runs / 2])
}

/// Heap allocations per decode and per encode (into a reused encoder), averaged over many calls.
func allocations<M: ProtoMessage>(_ message: M) -> (decode: Double, encode: Double) {
    let bytes = message.wireBytes()
    let count = 100_000
    var before = codec_bench_allocation_count()
    bytes.withUnsafeBytes { raw in
        for _ in 0..<count { blackHole(try? M(wireBytes: raw)) }
    }
    let decode = Double(codec_bench_allocation_count() - before) / Double(count)
    var encoder = WireEncoder(reservingCapacity: 1024)
    before = codec_bench_allocation_count()
    for _ in 0..<count {
        encoder.removeAll(keepingCapacity: true)
        message.encode(to: &encoder)
    }
    blackHole(encoder.count)
    let encode = Double(codec_bench_allocation_count() - before) / Double(count)
    return (decode, encode)
}

/// Strings longer than 15 UTF-8 bytes live on the heap in Swift; shorter ones are stored inline.
func heapStrings(_ strings: [String]) -> Int { strings.filter { $0.utf8.count > 15 }.count }

/// Fixed-point text for a Double without Foundation ("12.34" for (12.3401, 2)).
func fixed(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int64((value * scale).rounded())
    return WireDecimal.format(mantissa: scaled, scale: decimals)
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
    func rightPad(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}

let options = Options(CommandLine.arguments)
print("codec benchmark: \(options.runs) runs x \(options.iterations) encode+decode round trips, one thread")
print("rates are per CPU-second of the benchmark thread (= per core); 'wall' is per wall-clock second")
print("message             bytes  round trips/s (median)  wall rt/s  encodes/s  decodes/s  dec+read/s  rt+read/s  allocs/decode  allocs/encode  heap strings  round-trip runs (M/s)")
func report<M: ProtoMessage>(_ name: String, _ message: M, strings: (M) -> [String], read: (M) -> Int) {
    if let only = options.only, only != name { return }
    let (median, wall, all) = roundTripsPerSecond(message, options: options)
    let (decode, encode) = allocations(message)
    let (encodeRate, decodeRate) = halves(message, options: options)
    let (decodeRead, roundTripRead) = readingRates(message, options: options, read: read)
    let runs = all.map { fixed($0 / 1e6, 2) }.joined(separator: " ")
    print(name.rightPad(18), String(message.wireBytes().count).leftPad(6), fixed(median, 0).leftPad(23),
          fixed(wall, 0).leftPad(10), fixed(encodeRate, 0).leftPad(10), fixed(decodeRate, 0).leftPad(10),
          fixed(decodeRead, 0).leftPad(11), fixed(roundTripRead, 0).leftPad(10),
          fixed(decode, 2).leftPad(14), fixed(encode, 2).leftPad(14),
          String(heapStrings(strings(message))).leftPad(13), " ", runs)
}

/// Reading a field = getting its `String` and touching its bytes (the UTF-8 count), as a caller
/// would; written out field by field so that no array of strings is built per read.
func size(_ text: String) -> Int { text.utf8.count }

report("Fill", fill, strings: { [$0.fillID, $0.orderID, $0.clientOrderID, $0.accountID, $0.symbol, $0.quantity,
                                 $0.price, $0.commission, $0.commissionCurrency, $0.brokerTradeID, $0.strategyID] },
       read: { f in
           size(f.fillID) &+ size(f.orderID) &+ size(f.clientOrderID) &+ size(f.accountID) &+ size(f.symbol)
               &+ size(f.quantity) &+ size(f.price) &+ size(f.commission) &+ size(f.commissionCurrency)
               &+ size(f.brokerTradeID) &+ size(f.strategyID) &+ Int(f.side.rawValue)
               &+ Int(f.executedAt?.nanos ?? 0)
       })
report("SubmitOrderRequest", submit, strings: { [$0.clientOrderID, $0.symbol, $0.quantity, $0.limitPrice,
                                                 $0.stopPrice, $0.stopLossPrice, $0.takeProfitPrice,
                                                 $0.trailingStopDistance, $0.strategyID, $0.accountID] },
       read: { r in
           size(r.clientOrderID) &+ size(r.symbol) &+ size(r.quantity) &+ size(r.limitPrice) &+ size(r.stopPrice)
               &+ size(r.stopLossPrice) &+ size(r.takeProfitPrice) &+ size(r.trailingStopDistance)
               &+ size(r.strategyID) &+ size(r.accountID) &+ Int(r.side.rawValue) &+ Int(r.type.rawValue)
               &+ Int(r.timeInForce.rawValue) &+ (r.reduceOnly ? 1 : 0)
       })
report("Order", order, strings: { [$0.orderID, $0.clientOrderID, $0.accountID, $0.symbol, $0.quantity,
                                   $0.filledQuantity, $0.limitPrice, $0.stopPrice, $0.averageFillPrice,
                                   $0.stopLossPrice, $0.takeProfitPrice, $0.trailingStopDistance, $0.strategyID,
                                   $0.brokerOrderID, $0.reasonCode, $0.reasonMessage] },
       read: { o in
           size(o.orderID) &+ size(o.clientOrderID) &+ size(o.accountID) &+ size(o.symbol) &+ size(o.quantity)
               &+ size(o.filledQuantity) &+ size(o.limitPrice) &+ size(o.stopPrice) &+ size(o.averageFillPrice)
               &+ size(o.stopLossPrice) &+ size(o.takeProfitPrice) &+ size(o.trailingStopDistance)
               &+ size(o.strategyID) &+ size(o.brokerOrderID) &+ size(o.reasonCode) &+ size(o.reasonMessage)
               &+ Int(o.side.rawValue) &+ Int(o.status.rawValue) &+ Int(truncatingIfNeeded: o.sequence)
               &+ Int(o.createdAt?.nanos ?? 0) &+ Int(o.updatedAt?.nanos ?? 0)
       })
