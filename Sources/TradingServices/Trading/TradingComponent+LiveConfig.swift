extension TradingComponent {
    /// The configuration keys this component applies while running (see `ConfigSchema`):
    /// `market.replay_speed` changes the feed's speed (0 pauses it) when the server started with a
    /// feed; `strategy.name` starts (`sma`) or stops (`none`) the hosted SMA strategy when the
    /// server started with it. Anything else is left for the next start.
    public var liveConfigActions: [String: ConfigComponent.LiveAction] {
        let feed = feed, host = host, now = runtime.now, hosted = settings.sma != nil
        return [
            "market.replay_speed": { value in
                switch value {
                case .number(let speed): return feed.setBarsPerSecond(speed)
                case .integer(let speed): return feed.setBarsPerSecond(Double(speed))
                default: return false
                }
            },
            "strategy.name": { value in
                guard hosted, case .string(let name) = value, name == "sma" || name == "none" else { return false }
                host.smaSwitch.set(running: name == "sma", at: now())
                return true
            },
        ]
    }
}
