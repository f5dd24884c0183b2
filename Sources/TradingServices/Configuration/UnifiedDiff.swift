/// A line diff in the unified format (`diff -u`), for configuration documents.
///
/// Canonical documents are a few dozen lines, so a longest-common-subsequence table is cheap and
/// gives the minimal diff; inputs are bounded by the request validator (256 KiB) and, once
/// checked, by the schema's size.
public enum UnifiedDiff {
    /// The diff of `old` into `new` with `context` unchanged lines around each change; "" when equal.
    public static func diff(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        guard a != b else { return "" }
        let ops = script(a, b)
        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        // Group the edit script into hunks: changes closer than 2 * context share one.
        var index = 0
        while index < ops.count {
            guard let firstChange = ops[index...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(index, firstChange - context)
            var end = firstChange
            var lastChange = firstChange
            while end < ops.count {
                if ops[end].kind != .same { lastChange = end }
                if end - lastChange > 2 * context { break }
                end += 1
            }
            let stop = min(ops.count, lastChange + context + 1)
            let hunk = ops[start..<stop]
            let oldStart = hunk.first?.oldLine ?? 0, newStart = hunk.first?.newLine ?? 0
            let oldCount = hunk.filter { $0.kind != .added }.count
            let newCount = hunk.filter { $0.kind != .removed }.count
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for op in hunk {
                switch op.kind {
                case .same: out += " " + op.text + "\n"
                case .removed: out += "-" + op.text + "\n"
                case .added: out += "+" + op.text + "\n"
                }
            }
            index = stop
        }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        // `diff -u` numbers lines from 1; an empty range names the line before it.
        let first = count == 0 ? start : start + 1
        return count == 1 ? "\(first)" : "\(first),\(count)"
    }

    private static func lines(_ text: String) -> [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    private struct Op {
        enum Kind { case same, removed, added }
        let kind: Kind
        let text: String
        /// 0-based positions in the old and new texts where this operation happens.
        let oldLine: Int
        let newLine: Int
    }

    private static func script(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count
        // lcs[i][j]: length of the LCS of a[i...] and b[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [Op] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                ops.append(Op(kind: .same, text: a[i], oldLine: i, newLine: j))
                i += 1
                j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                ops.append(Op(kind: .removed, text: a[i], oldLine: i, newLine: j))
                i += 1
            } else {
                ops.append(Op(kind: .added, text: b[j], oldLine: i, newLine: j))
                j += 1
            }
        }
        return ops
    }
}
