import Testing
@testable import Observability

@Suite("Metrics registry and Prometheus text")
struct MetricsRegistryTests {
    @Test("Counters, gauges and labelled children render as Prometheus text 0.0.4")
    func rendersCountersAndGauges() {
        let registry = MetricsRegistry()
        let requests = registry.counter("tradebot_rpc_requests_total", help: "RPCs received.", labels: ["method", "code"])
        let open = registry.gauge("tradebot_connections", help: "Open connections.")
        requests.labels("/a.B/C", "OK").increment(by: 3)
        requests.labels("/a.B/C", "NOT_FOUND").increment()
        open.gauge.set(7)
        open.gauge.add(-2)
        #expect(registry.renderPrometheus() == """
        # HELP tradebot_rpc_requests_total RPCs received.
        # TYPE tradebot_rpc_requests_total counter
        tradebot_rpc_requests_total{method="/a.B/C",code="OK"} 3
        tradebot_rpc_requests_total{method="/a.B/C",code="NOT_FOUND"} 1
        # HELP tradebot_connections Open connections.
        # TYPE tradebot_connections gauge
        tradebot_connections 5

        """)
    }

    @Test("Histogram buckets are cumulative and end with +Inf equal to the count")
    func histogram() {
        let registry = MetricsRegistry()
        let h = registry.histogram("tradebot_latency_seconds", help: "Latency.", buckets: [0.001, 0.01]).histogram
        for v in [0.0005, 0.001, 0.005, 0.5] { h.observe(v) }
        #expect(registry.renderPrometheus() == """
        # HELP tradebot_latency_seconds Latency.
        # TYPE tradebot_latency_seconds histogram
        tradebot_latency_seconds_bucket{le="0.001"} 2
        tradebot_latency_seconds_bucket{le="0.01"} 3
        tradebot_latency_seconds_bucket{le="+Inf"} 4
        tradebot_latency_seconds_sum 0.5065
        tradebot_latency_seconds_count 4

        """)
    }

    @Test("Label values and help text are escaped")
    func escaping() {
        let registry = MetricsRegistry()
        registry.counter("x_total", help: "a\\b\nc", labels: ["l"]).labels("q\"u\\o\nte").increment()
        let text = registry.renderPrometheus()
        #expect(text.contains("# HELP x_total a\\\\b\\nc\n"))
        #expect(text.contains("x_total{l=\"q\\\"u\\\\o\\nte\"} 1\n"))
    }

    @Test("Collected metrics are read at scrape time")
    func collected() {
        let registry = MetricsRegistry()
        let source = Counter()
        registry.collect("tradebot_bad_frames_total", help: "Bad frames.", type: .counter) {
            [.init(labels: [("kind", "flood")], value: Double(source.value))]
        }
        source.increment(by: 2)
        #expect(registry.renderPrometheus().hasSuffix("tradebot_bad_frames_total{kind=\"flood\"} 2\n"))
    }

    @Test("Values format the Go way", arguments: [
        (1.0, "1"), (0.25, "0.25"), (-3.0, "-3"), (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
    ])
    func formatting(value: Double, text: String) {
        #expect(PrometheusText.format(value) == text)
    }

    @Test("Metric names are validated", arguments: [
        ("ok_name", true), ("with:colon", true), ("_x9", true), ("9lead", false), ("has-dash", false), ("", false),
    ])
    func names(name: String, valid: Bool) {
        #expect(PrometheusText.isValidName(name) == valid)
    }

    @Test("Concurrent increments are all counted")
    func concurrentIncrements() async {
        let counter = Counter()
        let histogram = Histogram(upperBounds: [1])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<10_000 {
                        counter.increment()
                        histogram.observe(0.5)
                    }
                }
            }
        }
        #expect(counter.value == 80_000)
        #expect(histogram.count == 80_000)
        #expect(histogram.snapshot().sum == 40_000)
    }
}

@Suite("Latency window")
struct LatencyWindowTests {
    @Test("An empty window has no quantile")
    func empty() {
        #expect(LatencyWindow(capacity: 4).quantile(0.95) == nil)
    }

    @Test("p95 uses the nearest rank over the kept samples")
    func p95() {
        let window = LatencyWindow(capacity: 100)
        for v in 1...100 { window.record(Double(v)) }
        #expect(window.quantile(0.95) == 95)
        #expect(window.quantile(0.5) == 50)
        #expect(window.quantile(1) == 100)
    }

    @Test("Old samples fall out of the window")
    func rolling() {
        let window = LatencyWindow(capacity: 3)
        for v in [100.0, 1, 2, 3] { window.record(v) }
        #expect(window.count == 3)
        #expect(window.quantile(1) == 3)
    }
}
