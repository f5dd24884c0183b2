/// Called once when an event's batch has committed (`.success(sequence)`) or can never commit
/// (`.failure`). Runs on the writer thread: keep it short and never block in it.
public typealias CommitCallback = @Sendable (Result<Int64, StoreError>) -> Void
