import Foundation
import TradingEngine
import TradingModel

/// Renders a `BacktestReport` as text or as one JSON object, with fixed decimals so
/// the output is byte-identical across runs.
struct BacktestReportFormatter {
    let report: BacktestReport
    let symbol: String
    let strategy: String
    let label: String
    let source: String

    var annualizedReturn: Double {
        guard report.years > 0, 1 + report.totalReturn > 0 else { return 0 }
        return pow(1 + report.totalReturn, 1 / report.years) - 1
    }

    static func fixed(_ x: Double, _ digits: Int = 6) -> String {
        guard x.isFinite else { return "0" }
        let s = String(format: "%.\(digits)f", x)
        return s == "-" + String(format: "%.\(digits)f", 0.0) ? String(format: "%.\(digits)f", 0.0) : s
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    func json() -> String {
        let r = report
        let f = Self.fixed
        let fields: [(String, String)] = [
            ("symbol", Self.jsonString(symbol)),
            ("strategy", Self.jsonString(strategy)),
            ("parameters", Self.jsonString(label)),
            ("bars", "\(r.bars)"),
            ("start", Self.jsonString(r.start.description)),
            ("end", Self.jsonString(r.end.description)),
            ("trades", "\(r.trades)"),
            ("wins", "\(r.wins)"),
            ("losses", "\(r.losses)"),
            ("win_rate", f(r.winRate, 6)),
            ("initial_equity", r.initialEquity.description),
            ("final_equity", r.finalEquity.description),
            ("total_return", f(r.totalReturn, 6)),
            ("annualized_return", f(annualizedReturn, 6)),
            ("max_drawdown", f(r.maxDrawdown, 6)),
            ("sharpe", f(r.sharpe, 4)),
            ("exposure", f(r.exposure, 6)),
            ("fees", r.fees.description),
            ("realized_pnl", r.realizedPnL.description),
            ("risk_rejections", "\(r.riskRejections)"),
            ("broker_rejections", "\(r.brokerRejections)"),
            ("stops_triggered", "\(r.stopsTriggered)"),
            ("stop_updates", "\(r.stopUpdates)"),
            ("orders", "\(r.orders)"),
            ("fills", "\(r.fills)"),
            ("signals", "\(r.signals)"),
            ("signals_ignored", "\(r.signalsIgnored)"),
            ("fill_timeouts", "\(r.fillTimeouts)"),
            ("events", "\(r.events)"),
            ("event_hash", Self.jsonString(r.eventHash)),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
    }

    func text() -> String {
        let r = report
        func pct(_ x: Double) -> String { Self.fixed(x * 100, 2) + "%" }
        let rows: [(String, String)] = [
            ("Data", "\(source) (\(r.bars) bars, \(r.start) .. \(r.end), \(Self.fixed(r.years, 2)) years)"),
            ("Strategy", "\(symbol) \(label)"),
            ("Trades", "\(r.trades) (wins \(r.wins), losses \(r.losses), win rate \(pct(r.winRate)))"),
            ("Initial equity", r.initialEquity.formatted(decimals: 2)),
            ("Final equity", r.finalEquity.formatted(decimals: 2)),
            ("Total return", pct(r.totalReturn)),
            ("Annualized return", pct(annualizedReturn)),
            ("Max drawdown", pct(r.maxDrawdown)),
            ("Sharpe", Self.fixed(r.sharpe, 4)),
            ("Exposure", pct(r.exposure)),
            ("Fees", r.fees.formatted(decimals: 2)),
            ("Realized P&L", r.realizedPnL.formatted(decimals: 2)),
            ("Orders / fills", "\(r.orders) / \(r.fills)"),
            ("Signals", "\(r.signals) (ignored \(r.signalsIgnored))"),
            ("Risk rejections", "\(r.riskRejections)"),
            ("Broker rejections", "\(r.brokerRejections)"),
            ("Stops triggered", "\(r.stopsTriggered) (stop updates \(r.stopUpdates))"),
            ("Fill timeouts", "\(r.fillTimeouts)"),
            ("Events", "\(r.events) (hash \(r.eventHash))"),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 }.joined(separator: "\n") + "\n"
    }
}
