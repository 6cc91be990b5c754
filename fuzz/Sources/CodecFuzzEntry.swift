/// libFuzzer's entry point: every input goes to every decoder of every codec, host
/// side and board side, because on a shared RS485 line any bytes can reach any
/// scanner. A crash, a sanitizer report or a broken property (see `FuzzChecks`)
/// ends the run and libFuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func codecFuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes: [UInt8] = if let data, size > 0 { Array(UnsafeBufferPointer(start: data, count: size)) } else { [] }
    let frame = bytes[...]
    // Each codec also gets the input with its checksum appended: random bytes almost
    // never carry a valid BCC, sum or CRC, and without these variants the fuzzer
    // would spend its time in front of the checksum test instead of behind it.
    CUXorFuzzing.exercise(frame)
    CUXorFuzzing.exercise((bytes + [CUXorCodec.bcc(bytes)])[...])
    KerongCU16Fuzzing.exercise(frame)
    KerongCU16Fuzzing.exercise((bytes + [KerongCU16Codec.checksum(bytes)])[...])
    KerongCU48Fuzzing.exercise(frame)
    KerongCU48Fuzzing.exercise((bytes + [KerongCU48Codec.checksum(bytes)])[...])
    ModbusFuzzing.exercise(frame)
    ModbusFuzzing.exercise(ModbusCRC16.sealed(bytes)[...])
    DNSMessageFuzzing.exercise(bytes)
    return 0
}
