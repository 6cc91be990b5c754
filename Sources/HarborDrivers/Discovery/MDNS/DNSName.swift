/// A domain name as DNS carries it: a list of labels, compared without regard to
/// ASCII case (RFC 1035 §2.3.3), so `_Harbor-Lock._tcp.local` and
/// `_harbor-lock._tcp.local` are one key in the browse cache.
///
/// Labels are kept as text. DNS-SD instance names are UTF-8 and may hold dots and
/// spaces ("Bench A. Left"), so an instance label is never split on dots.
struct DNSName: Hashable, Sendable, CustomStringConvertible {
    /// The labels, most specific first, without the empty root label.
    let labels: [String]

    init(labels: [String]) {
        self.labels = labels
    }

    /// Splits a dotted name such as `_harbor-lock._tcp.local.`; a trailing dot and
    /// empty labels are dropped. Only for names without dots inside a label.
    init(dotted text: String) {
        labels = text.split(separator: ".", omittingEmptySubsequences: true).map(String.init)
    }

    /// This name with `child` in front: the instance name under a service type.
    func prepending(_ child: String) -> DNSName {
        DNSName(labels: [child] + labels)
    }

    /// The labels after the first one: the service type of an instance name.
    var parent: DNSName {
        DNSName(labels: Array(labels.dropFirst()))
    }

    /// `bench-a.local`, no trailing dot.
    var description: String {
        labels.joined(separator: ".")
    }

    /// The labels folded to ASCII lower case: what equality and hashing use.
    var key: [String] {
        labels.map(Self.foldCase)
    }

    static func == (left: DNSName, right: DNSName) -> Bool {
        left.key == right.key
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(key)
    }

    /// DNS compares names by ASCII case only; other UTF-8 bytes must match exactly.
    static func foldCase(_ label: String) -> String {
        String(decoding: label.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
