import Synchronization

/// Every metric the process exposes, in registration order, rendered as Prometheus text on scrape.
///
/// Register at start-up and keep the returned handles; updating a handle is lock-free.
/// Values owned elsewhere (transport counters, engine state) are read at scrape time through
/// collectors, so the hot path never writes twice.
public final class MetricsRegistry: Sendable {
    enum Entry: Sendable {
        case counters(MetricFamily<Counter>)
        case gauges(MetricFamily<Gauge>)
        case histograms(MetricFamily<Histogram>)
        case collected(name: String, help: String, type: MetricType, read: @Sendable () -> [Sample])
    }

    /// A value produced by a collector at scrape time.
    public struct Sample: Sendable {
        public var labels: [(String, String)]
        public var value: Double
        public init(labels: [(String, String)] = [], value: Double) {
            self.labels = labels
            self.value = value
        }
    }

    private let entries = Mutex<[Entry]>([])
    private let names = Mutex<Set<String>>([])

    public init() {}

    public func counter(_ name: String, help: String, labels: [String] = []) -> MetricFamily<Counter> {
        let family = MetricFamily<Counter>(name: name, help: help, type: .counter, labelNames: labels) { Counter() }
        register(name, .counters(family))
        return family
    }

    public func gauge(_ name: String, help: String, labels: [String] = []) -> MetricFamily<Gauge> {
        let family = MetricFamily<Gauge>(name: name, help: help, type: .gauge, labelNames: labels) { Gauge() }
        register(name, .gauges(family))
        return family
    }

    public func histogram(_ name: String, help: String, labels: [String] = [],
                          buckets: [Double] = Histogram.latencySeconds) -> MetricFamily<Histogram> {
        let family = MetricFamily<Histogram>(name: name, help: help, type: .histogram, labelNames: labels) {
            Histogram(upperBounds: buckets)
        }
        register(name, .histograms(family))
        return family
    }

    /// A metric whose samples are computed when scraped (e.g. counters owned by the transport).
    public func collect(_ name: String, help: String, type: MetricType,
                        read: @escaping @Sendable () -> [Sample]) {
        register(name, .collected(name: name, help: help, type: type, read: read))
    }

    private func register(_ name: String, _ entry: Entry) {
        let inserted = names.withLock { $0.insert(name).inserted }
        precondition(inserted, "metric \(name) registered twice")
        precondition(PrometheusText.isValidName(name), "invalid metric name \(name)")
        entries.withLock { $0.append(entry) }
    }

    /// The registry in the Prometheus text exposition format 0.0.4.
    public func renderPrometheus() -> String {
        var out = PrometheusText()
        for entry in entries.withLock({ $0 }) {
            switch entry {
            case let .counters(family):
                out.header(family.name, family.help, .counter)
                for (values, counter) in family.all() {
                    out.sample(family.name, zip(family.labelNames, values).map { ($0, $1) }, Double(counter.value))
                }
            case let .gauges(family):
                out.header(family.name, family.help, .gauge)
                for (values, gauge) in family.all() {
                    out.sample(family.name, zip(family.labelNames, values).map { ($0, $1) }, gauge.value)
                }
            case let .histograms(family):
                out.header(family.name, family.help, .histogram)
                for (values, histogram) in family.all() {
                    let labels = zip(family.labelNames, values).map { ($0, $1) }
                    let (cumulative, sum) = histogram.snapshot()
                    for (bound, count) in zip(histogram.upperBounds.map(PrometheusText.format) + ["+Inf"], cumulative) {
                        out.sample(family.name + "_bucket", labels + [("le", bound)], Double(count))
                    }
                    out.sample(family.name + "_sum", labels, sum)
                    out.sample(family.name + "_count", labels, Double(cumulative.last ?? 0))
                }
            case let .collected(name, help, type, read):
                out.header(name, help, type)
                for sample in read() {
                    out.sample(name, sample.labels, sample.value)
                }
            }
        }
        return out.text
    }
}
