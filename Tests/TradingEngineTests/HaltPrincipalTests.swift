import Testing
import TradingEngine
import TradingModel
import TradingTesting

/// Who halted: the principal of an admin halt or the kill switch travels in the journaled event,
/// is kept with the restriction while it is in force, and survives a rebuild and a snapshot.
@Suite("Halt principals")
struct HaltPrincipalTests {
    static func stateChange(_ events: [EngineEvent]) -> TradingStateChanged? {
        for case .tradingStateChanged(let change) in events { return change }
        return nil
    }

    @Test("an admin halt journals its principal and the engine keeps it until the halt is lifted")
    func adminHalt() throws {
        let h = EngineHarness()
        h.handle(.command(.setTradingState(.account, .halted, reason: "maintenance", principal: "alice")))
        guard let change = Self.stateChange(h.lastEvents) else {
            Issue.record("expected TradingStateChanged, got \(h.lastTypes)")
            return
        }
        #expect(change.principal == "alice" && change.reason == "maintenance" && change.source == .admin)
        #expect(h.engine.restrictionPrincipal(.account, .admin) == "alice")

        let rebuilt = EngineHarness()
        rebuilt.engine.rebuild(from: h.events)
        #expect(rebuilt.engine.restrictionPrincipal(.account, .admin) == "alice")

        h.handle(.command(.setTradingState(.account, .active, reason: "done", principal: "bob")))
        guard let lifted = Self.stateChange(h.lastEvents) else {
            Issue.record("expected TradingStateChanged, got \(h.lastTypes)")
            return
        }
        #expect(lifted.principal == "bob")
        #expect(h.engine.restrictionPrincipal(.account, .admin) == nil)
    }

    @Test("the kill switch carries its principal; rule-driven changes carry none")
    func killSwitchAndRules() {
        let h = EngineHarness()
        h.handle(.command(.activateKillSwitch(flatten: false, reason: "panic", principal: "carol")))
        #expect(h.lastEvents.contains { if case .killSwitchActivated(let k) = $0 { k.principal == "carol" } else { false } })
        #expect(h.engine.restrictionPrincipal(.account, .killSwitch) == "carol")
        h.handle(.command(.resetKillSwitch))
        #expect(h.engine.restrictionPrincipal(.account, .killSwitch) == nil)
        h.handle(.command(.setTradingState(.instrument("TEST"), .halted, reason: "no principal")))
        #expect(h.engine.restrictionPrincipal(.instrument("TEST"), .admin) == nil)
    }

    @Test("a snapshot keeps the principal of every restriction in force")
    func snapshot() {
        let h = EngineHarness()
        h.handle(.command(.setTradingState(.instrument("TEST"), .halted, reason: "bad prints", principal: "dave")))
        let snap = h.engine.snapshot()
        #expect(snap.restrictions.map(\.principal) == ["dave"])
        let restored = EngineHarness(clock: TestClock(h.clock.now))
        restored.engine.restore(from: snap)
        #expect(restored.engine.restrictionPrincipal(.instrument("TEST"), .admin) == "dave")
        #expect(restored.engine.snapshot() == snap)
    }
}
