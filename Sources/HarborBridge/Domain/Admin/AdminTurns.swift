/// Lets one admin change run at a time, first come first served.
///
/// A change checks the cabinet (free bus addresses, GPIO lines), writes the store
/// and then rebuilds the runtime. Two changes interleaving across those awaits
/// could both pass the check and claim the same address, or reach the runtime in
/// the opposite order from the store.
actor AdminTurns {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Returns once the caller holds the turn.
    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the turn straight to the longest waiter.
    func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
