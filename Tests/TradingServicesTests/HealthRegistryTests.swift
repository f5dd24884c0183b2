import Testing
@testable import TradingServices

@Suite("Health registry")
struct HealthRegistryTests {
    @Test("The overall server starts SERVING and unknown names are unknown")
    func initial() {
        let registry = HealthRegistry()
        #expect(registry.status(of: "") == .serving)
        #expect(registry.status(of: "tradebot.v1.Orders") == nil)
    }

    @Test("A watcher sees the current status, then each change once")
    func watchChanges() async {
        let registry = HealthRegistry()
        registry.set("store", .serving)
        var iterator = registry.watch("store").makeAsyncIterator()
        #expect(await iterator.next() == .serving)
        registry.set("store", .serving)  // not a change
        registry.set("store", .notServing)
        registry.set("other", .notServing)  // another service
        registry.set("store", .serving)
        #expect(await iterator.next() == .notServing)
        #expect(await iterator.next() == .serving)
    }

    @Test("Watching an unknown service reports SERVICE_UNKNOWN, then its status once it appears")
    func watchUnknown() async {
        let registry = HealthRegistry()
        var iterator = registry.watch("later").makeAsyncIterator()
        #expect(await iterator.next() == .serviceUnknown)
        registry.set("later", .serving)
        #expect(await iterator.next() == .serving)
    }

    @Test("Shutdown sends NOT_SERVING to every watcher and ends the streams")
    func shutdown() async {
        let registry = HealthRegistry()
        let stream = registry.watch("")
        registry.shutDown()
        var seen: [HealthRegistry.ServingStatus] = []
        for await status in stream { seen.append(status) }
        #expect(seen == [.serving, .notServing])
        #expect(registry.status(of: "") == .notServing)
        registry.set("", .serving)
        #expect(registry.status(of: "") == .notServing)
        #expect(registry.watcherCount == 0)
    }

    @Test("A watch started after shutdown ends at once with the current status")
    func watchAfterShutdown() async {
        let registry = HealthRegistry()
        registry.shutDown()
        var seen: [HealthRegistry.ServingStatus] = []
        for await status in registry.watch("") { seen.append(status) }
        #expect(seen == [.notServing])
    }

    @Test("A cancelled watcher is removed")
    func cancelledWatcher() async {
        let registry = HealthRegistry()
        let task = Task {
            for await _ in registry.watch("") {}
        }
        while registry.watcherCount == 0 { await Task.yield() }
        task.cancel()
        await task.value
        #expect(registry.watcherCount == 0)
    }
}
