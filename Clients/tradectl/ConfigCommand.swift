import ArgumentParser
import Foundation
import TradingProtocol

/// `tradectl config get|set|history`: the server's versioned configuration (admin).
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show, change and list versions of the server's configuration (admin).",
        discussion: """
        The configuration is a JSON document (keys in docs/RUNBOOK.md, "Configuration file"); every \
        change is a new version in the server's journal with its SHA-256, author and comment. \
        Settings marked live apply at once; the others at the server's next start. \
        Exit status: 0 success; 1 the call failed (`error: <gRPC STATUS>: <message>`, e.g. \
        INVALID_ARGUMENT naming the key, FAILED_PRECONDITION for a stale --expected-version); \
        64 bad usage (including an unreadable FILE).
        """,
        subcommands: [Get.self, Set.self, History.self],
        defaultSubcommand: Get.self)

    static func versionObject(_ v: TradebotV1.ConfigVersion?) -> [String: Any] {
        guard let v else { return [:] }
        return ["version": v.version, "sha256": v.sha256, "author": v.author, "comment": v.comment,
                "created_at": v.createdAt.map(WireFormatting.time) ?? NSNull()]
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a configuration version (default: the current one).",
            discussion: "Prints the version's details, then the document. With --json, one object whose `document` is the parsed document.")
        @OptionGroup var options: ClientOptions
        @Option(help: ArgumentHelp("Version to show (0 or unset: the current one).", valueName: "n")) var version: UInt64 = 0

        func run() async throws {
            var request = TradebotV1.GetConfigRequest()
            request.version = version
            try await Session.run(options) { s in
                let response = try await s.admin.getConfig(request, options: s.unary)
                if options.json {
                    var object = ConfigCommand.versionObject(response.version)
                    object["document"] = (try? JSONSerialization.jsonObject(with: Data(response.document.utf8))) ?? response.document
                    Output.json(object)
                } else {
                    let v = response.version
                    Output.record([("version", "\(v?.version ?? 0)"), ("sha256", v?.sha256 ?? ""),
                                   ("author", v?.author ?? ""), ("created", WireFormatting.time(v?.createdAt)),
                                   ("comment", v?.comment ?? "")])
                    print("")
                    print(response.document, terminator: response.document.hasSuffix("\n") ? "" : "\n")
                }
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Replace the configuration with the document in FILE and print the diff.",
            discussion: """
            FILE is a whole document ("-" reads standard input). With --dry-run the server only \
            checks it and prints the diff; nothing is recorded. With --expected-version the change \
            is refused (FAILED_PRECONDITION) if someone else changed the configuration since.
            """)
        @OptionGroup var options: ClientOptions
        @Argument(help: ArgumentHelp("The JSON document.", valueName: "file"), completion: .file(extensions: ["json"]))
        var file: String
        @Option(help: "Why (recorded with the version).") var comment = ""
        @Option(name: .customLong("expected-version"), help: ArgumentHelp("Refuse the change unless this is the current version.", valueName: "n"))
        var expectedVersion: UInt64 = 0
        @Flag(name: .customLong("dry-run"), help: "Check and diff only; record nothing.") var dryRun = false

        func run() async throws {
            let data: Data?
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                data = FileManager.default.contents(atPath: file)
            }
            guard let data, let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("cannot read \(file)")
            }
            var request = TradebotV1.UpdateConfigRequest()
            request.document = text
            request.comment = comment
            request.expectedVersion = expectedVersion
            request.dryRun = dryRun
            try await Session.run(options) { s in
                let response = try await s.admin.updateConfig(request, options: s.unary)
                if options.json {
                    var object = ConfigCommand.versionObject(response.version)
                    object["diff"] = response.diff
                    object["dry_run"] = dryRun
                    Output.json(object)
                    return
                }
                if response.diff.isEmpty {
                    print("no change: the configuration is version \(response.version?.version ?? 0)")
                    return
                }
                print(response.diff, terminator: "")
                if dryRun {
                    print("dry run: nothing recorded")
                } else {
                    print("recorded version \(response.version?.version ?? 0) (sha256 \(response.version?.sha256 ?? ""))")
                }
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List configuration versions, newest first.",
                                                        discussion: "With --json, one object per line.")
        @OptionGroup var options: ClientOptions
        @Option(help: ArgumentHelp("How many versions (0: the server default, 50).", valueName: "n")) var limit: Int32 = 0

        func validate() throws {
            guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
        }

        func run() async throws {
            var request = TradebotV1.ListConfigVersionsRequest()
            request.limit = limit
            try await Session.run(options) { s in
                let response = try await s.admin.listConfigVersions(request, options: s.unary)
                if options.json {
                    for v in response.versions { Output.json(ConfigCommand.versionObject(v)) }
                } else if response.versions.isEmpty {
                    print("no configuration versions")
                } else {
                    Output.table(["VERSION", "CREATED (UTC)", "AUTHOR", "SHA256", "COMMENT"], response.versions.map {
                        ["\($0.version)", WireFormatting.time($0.createdAt), $0.author, String($0.sha256.prefix(12)), $0.comment]
                    })
                }
            }
        }
    }
}
