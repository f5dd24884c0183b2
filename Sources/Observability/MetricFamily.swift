import Synchronization

/// One metric name with its help text, type and label names; children per label-value tuple.
///
/// Look a child up once and keep it: `labels(...)` takes a lock, the child's updates do not.
public final class MetricFamily<Child: Sendable>: Sendable {
    public let name: String
    public let help: String
    public let type: MetricType
    public let labelNames: [String]
    private let make: @Sendable () -> Child
    private let children: Mutex<[(values: [String], child: Child)]>

    init(name: String, help: String, type: MetricType, labelNames: [String], make: @escaping @Sendable () -> Child) {
        self.name = name
        self.help = help
        self.type = type
        self.labelNames = labelNames
        self.make = make
        self.children = Mutex(labelNames.isEmpty ? [([], make())] : [])
    }

    /// The child for these label values (one per label name, in order), created on first use.
    public func labels(_ values: String...) -> Child {
        labels(values)
    }

    public func labels(_ values: [String]) -> Child {
        precondition(values.count == labelNames.count, "\(name) takes \(labelNames.count) label values")
        return children.withLock { list in
            if let existing = list.first(where: { $0.values == values }) { return existing.child }
            let child = make()
            list.append((values, child))
            return child
        }
    }

    /// Every child with its label values, in creation order.
    public func all() -> [(values: [String], child: Child)] {
        children.withLock { $0 }
    }
}

extension MetricFamily where Child == Counter {
    /// The unlabelled counter (for families without labels).
    public var counter: Counter { labels([]) }
}

extension MetricFamily where Child == Gauge {
    public var gauge: Gauge { labels([]) }
}

extension MetricFamily where Child == Histogram {
    public var histogram: Histogram { labels([]) }
}
