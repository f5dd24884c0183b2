import ArgumentParser

/// Options every `watch` command shares: where to start and when to stop.
struct StreamOptions: ParsableArguments {
    @Option(name: .customLong("from-sequence"),
            help: "Replay from this journal sequence (inclusive), then follow live; resume with the last sequence printed + 1.")
    var fromSequence: UInt64?

    @Option(help: "Stop after this many events.")
    var count: Int?

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
    }

    /// Prints each event as it arrives, one JSON object per line with `--json`, else one text line,
    /// until `--count` events have been printed or the stream ends. `render` returns nil for an event
    /// with nothing to show (it is then not counted).
    func printEach<Events: AsyncSequence>(_ events: Events, json: Bool,
                                          render: (Events.Element) -> (json: [String: Any], text: String)?) async throws {
        var printed = 0
        for try await event in events {
            guard let line = render(event) else { continue }
            if json { Output.json(line.json) } else { Output.line(line.text) }
            printed += 1
            if let count, printed >= count { break }
        }
    }
}
