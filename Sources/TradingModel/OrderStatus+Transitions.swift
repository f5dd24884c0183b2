extension OrderStatus {
    /// The pure transition function of the order state machine.
    ///
    /// `hasFills` decides where a rejected cancel returns to (`partiallyFilled` or
    /// `accepted`). A broker may fill before it acknowledges, so fills are legal from
    /// `pendingNew` and `unknown`; a late acknowledgement of an order we already asked
    /// to cancel keeps it `pendingCancel`.
    public func next(on trigger: OrderStatusTrigger, hasFills: Bool = false) -> Result<OrderStatus, IllegalTransition> {
        let target: OrderStatus?
        switch (self, trigger) {
        case (.pendingNew, .accept): target = .accepted
        case (.pendingNew, .reject): target = .rejected
        case (.pendingNew, .partialFill): target = .partiallyFilled
        case (.pendingNew, .fill): target = .filled
        case (.pendingNew, .requestCancel): target = .pendingCancel
        case (.pendingNew, .cancel): target = .cancelled
        case (.pendingNew, .expire): target = .expired
        case (.pendingNew, .ackTimeout): target = .unknown

        case (.accepted, .partialFill): target = .partiallyFilled
        case (.accepted, .fill): target = .filled
        case (.accepted, .requestCancel): target = .pendingCancel
        case (.accepted, .cancel): target = .cancelled
        case (.accepted, .expire): target = .expired

        case (.partiallyFilled, .partialFill): target = .partiallyFilled
        case (.partiallyFilled, .fill): target = .filled
        case (.partiallyFilled, .requestCancel): target = .pendingCancel
        case (.partiallyFilled, .cancel): target = .cancelled
        case (.partiallyFilled, .expire): target = .expired

        case (.pendingCancel, .accept): target = .pendingCancel
        case (.pendingCancel, .reject): target = .rejected
        case (.pendingCancel, .partialFill): target = .pendingCancel
        case (.pendingCancel, .fill): target = .filled
        case (.pendingCancel, .cancel): target = .cancelled
        case (.pendingCancel, .cancelReject): target = hasFills ? .partiallyFilled : .accepted
        case (.pendingCancel, .expire): target = .expired

        case (.unknown, .accept): target = .accepted
        case (.unknown, .reject): target = .rejected
        case (.unknown, .partialFill): target = .partiallyFilled
        case (.unknown, .fill): target = .filled
        case (.unknown, .requestCancel): target = .pendingCancel
        case (.unknown, .cancel): target = .cancelled
        case (.unknown, .expire): target = .expired

        default: target = nil
        }
        if let target { return .success(target) }
        return .failure(IllegalTransition(from: self, trigger: trigger))
    }
}
