extension LockControllerError {
    /// Maps a bus failure to what a controller reports. A lost reply to an unlock
    /// is an unknown outcome (the lock may have fired); to a read it is a timeout.
    init(_ error: BusError, duringUnlock: Bool) {
        switch error {
        case .noReply:
            self = duringUnlock ? .outcomeUnknown : .noReply
        case let .corruptReply(bytes):
            self = .invalidReply("bad checksum in \(Hex.string(bytes))")
        case let .transport(transportError):
            self = .unreachable(transportError.description, code: transportError.code)
        case .cancelled:
            self = .unreachable("request cancelled", code: error.code)
        }
    }

    /// Maps a codec refusal of a reply frame.
    init(_ error: CodecError) {
        self = .invalidReply(error.description)
    }
}
