import Synchronization
import Testing
@testable import Observability

@Suite("Logger")
struct LoggerTests {
    final class Capture: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
    }

    @Test("Lines carry level, message, component and quoted fields")
    func format() {
        let capture = Capture()
        let log = Logger(label: "net", sink: { line in capture.lines.withLock { $0.append(line) } })
        log.info("listening", ["address": "127.0.0.1:50051", "note": "two words"])
        log.debug("hidden")
        let line = try! #require(capture.all.first)
        #expect(capture.all.count == 1)
        #expect(line.hasSuffix(" INFO listening component=net address=127.0.0.1:50051 note=\"two words\"\n"))
        #expect(line.dropFirst(4).hasPrefix("-"))
    }

    @Test("The redactor sees the finished line")
    func redaction() {
        let capture = Capture()
        let log = Logger(label: "auth", redact: { $0.replacingAll("s", with: "*") },
                         sink: { line in capture.lines.withLock { $0.append(line) } })
        log.warning("secret")
        #expect(capture.all.first?.contains("WARN *ecret") == true)
    }

    @Test("RFC 3339 formatting", arguments: [
        (Int64(0), 0, "1970-01-01T00:00:00.000Z"),
        (1_795_563_060, 123_456_789, "2026-11-24T23:31:00.123Z"),
        (951_782_400, 0, "2000-02-29T00:00:00.000Z"),
        (-1, 999_000_000, "1969-12-31T23:59:59.999Z"),
    ])
    func rfc3339(seconds: Int64, nanos: Int, text: String) {
        #expect(RFC3339.format(seconds: seconds, nanoseconds: nanos) == text)
    }
}
