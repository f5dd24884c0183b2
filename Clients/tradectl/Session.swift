import ArgumentParser
import Foundation
import HTTP2Transport
import RPCCore
import TradingProtocol

/// One connection for one command: opens it from the shared options, runs the body, closes it,
/// and turns failures into `error: <STATUS>: <message>` with exit status 1.
struct Session {
    let rpc: RPCClient
    let options: ClientOptions
    /// `authorization: Bearer …` from `--token`, `TRADEBOT_TOKEN` or the saved login (empty if none).
    let authorization: Metadata

    /// Unary call options: the `--timeout` deadline and the bearer token.
    var unary: CallOptions {
        .timeout(.milliseconds(Int(options.timeout * 1000)), metadata: authorization)
    }

    /// Stream call options: no deadline (streams run until interrupted) and the bearer token.
    var stream: CallOptions {
        CallOptions(metadata: authorization)
    }

    var orders: TradebotV1.Orders.Client { .init(rpc) }
    var portfolio: TradebotV1.Portfolio.Client { .init(rpc) }
    var risk: TradebotV1.Risk.Client { .init(rpc) }
    var marketData: TradebotV1.MarketData.Client { .init(rpc) }
    var strategies: TradebotV1.Strategies.Client { .init(rpc) }
    var system: TradebotV1.System.Client { .init(rpc) }
    var admin: TradebotV1.Admin.Client { .init(rpc) }

    static func run(_ options: ClientOptions, _ body: (Session) async throws -> Void) async throws {
        do {
            let (rpc, connection) = try await ServerConnection.open(options)
            do {
                let authorization = try await ServerConnection.callOptions(options, client: rpc).metadata
                try await body(Session(rpc: rpc, options: options, authorization: authorization))
            } catch {
                await connection.close()
                throw error
            }
            await connection.close()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw ExitCode(1)
        } catch let error as RPCError {
            FileHandle.standardError.write(Data("error: \(error.code.name): \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}
