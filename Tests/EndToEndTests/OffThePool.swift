import Foundation

/// Runs blocking work (poll, read, waiting for a child process) on a thread of its
/// own while the calling task is suspended.
///
/// Swift Testing runs tests in parallel on the cooperative pool, which has one
/// thread per core (2 here). A test blocking a pool thread starves the simulated
/// boards, buses and timers of every other test, whose short timeouts then fire.
/// `DispatchQueue.global()` is no way out on Linux: it shares its threads with that
/// pool, so a dedicated `Thread` it is.
func offThePool<Value: Sendable, Failure: Error>(
    _ body: @escaping @Sendable () throws(Failure) -> Value
) async throws(Failure) -> Value {
    let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, Failure>, Never>) in
        let thread = Thread {
            do throws(Failure) {
                continuation.resume(returning: .success(try body()))
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
        thread.name = "harbor-test-blocking"
        thread.start()
    }
    return try outcome.get()
}
