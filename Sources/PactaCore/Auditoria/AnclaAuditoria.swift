import Foundation

/// A record, kept outside the database, of the head of the audit log at one moment: which entry was
/// the last and its hash, signed with a key of the ring. A keyed chain shows any edit, but not that its
/// last entries were deleted; the anchors do.
///
/// One anchor is one line:
///
///     ancla 2026-05-01T11:00:00Z secuencia=123 hash=<64 hex> clave=20260501-3f9a firma=<64 hex>
///
/// `firma` is the keyed hash (`CadenaAuditoria.Firmador`) with key `clave` of everything before ` firma=`.
public struct AnclaAuditoria: Sendable, Equatable {
    public let momento: Date
    public let secuencia: Int
    public let hash: String
    public let clave: String
    public let firma: String

    /// A new anchor, signed with `firmar` (the keyed hash with key `clave`).
    public init(momento: Date, secuencia: Int, hash: String, clave: String, firmar: (String) -> String) {
        // Whole seconds: what the line keeps.
        let momento = Date(timeIntervalSince1970: momento.timeIntervalSince1970.rounded(.down))
        let texto = Self.texto(momento: momento, secuencia: secuencia, hash: hash, clave: clave)
        self.init(momento: momento, secuencia: secuencia, hash: hash, clave: clave, firma: firmar(texto))
    }

    init(momento: Date, secuencia: Int, hash: String, clave: String, firma: String) {
        self.momento = momento
        self.secuencia = secuencia
        self.hash = hash
        self.clave = clave
        self.firma = firma
    }

    /// The text the signature covers.
    public var textoFirmado: String { Self.texto(momento: momento, secuencia: secuencia, hash: hash, clave: clave) }

    static func texto(momento: Date, secuencia: Int, hash: String, clave: String) -> String {
        "ancla \(iso(momento)) secuencia=\(secuencia) hash=\(hash) clave=\(clave)"
    }

    /// The anchor's line (without a newline).
    public var linea: String { "\(textoFirmado) firma=\(firma)" }

    /// Reads one line; nil when it is not an anchor written by `linea`.
    public init?(linea: String) {
        let partes = linea.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        func valor(_ i: Int, _ nombre: String) -> String? {
            partes[i].hasPrefix(nombre + "=") ? String(partes[i].dropFirst(nombre.count + 1)) : nil
        }
        guard partes.count == 6, partes[0] == "ancla", let momento = Self.desdeISO(partes[1]),
              let s = valor(2, "secuencia").flatMap({ Int($0) }), s >= 0,
              let hash = valor(3, "hash"), !hash.isEmpty, let clave = valor(4, "clave"), !clave.isEmpty,
              let firma = valor(5, "firma"), !firma.isEmpty
        else { return nil }
        self.init(momento: momento, secuencia: s, hash: hash, clave: clave, firma: firma)
        // Only the exact form this type writes is accepted, so the signed text is the line's own text.
        guard self.linea == linea.trimmingCharacters(in: .whitespaces) else { return nil }
    }

    /// The anchor's day in Colombia, dd/mm/aaaa.
    public var dia: String { Fecha.desde(momento, zona: Fecha.zonaColombia).texto }

    static func iso(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }

    static func desdeISO(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)
    }
}

/// The anchors file, read, and what it says about the log.
public struct ArchivoDeAnclas: Sendable {
    /// Each anchor with its line number (from 1).
    public let anclas: [(linea: Int, ancla: AnclaAuditoria)]
    /// The numbers of the lines that are not anchors.
    public let ilegibles: [Int]

    public init(texto: String) {
        var anclas: [(Int, AnclaAuditoria)] = []
        var ilegibles: [Int] = []
        for (i, linea) in texto.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let l = linea.trimmingCharacters(in: .whitespaces)
            if l.isEmpty || l.hasPrefix("#") { continue }
            if let a = AnclaAuditoria(linea: l) { anclas.append((i + 1, a)) } else { ilegibles.append(i + 1) }
        }
        self.anclas = anclas
        self.ilegibles = ilegibles
    }

    /// The anchored `secuencia`s, whose stored hashes `hallazgos` needs (`CadenaAuditoria.Verificador(anclas:)`).
    public var secuencias: Set<Int> { Set(anclas.map(\.ancla.secuencia)) }

    /// What the anchors show: lines that are not anchors or whose signature does not check, and
    /// anchored entries that no longer exist (the log was truncated) or changed.
    ///
    /// - Parameters:
    ///   - cabeza: the last `secuencia` in the log now (0 when empty).
    ///   - hashes: the stored hash of each anchored `secuencia` that still exists.
    ///   - firma: the keyed hash, to check each anchor's signature.
    public func hallazgos(cabeza: Int, hashes: [Int: String], firma: CadenaAuditoria.Firmador) -> [HallazgoAuditoria] {
        var hallazgos = ilegibles.map {
            HallazgoAuditoria(secuencia: 0, descripcion: "La línea \($0) del archivo de anclas no es un ancla: el archivo fue modificado.")
        }
        var firmadas: [AnclaAuditoria] = []
        for (n, a) in anclas {
            guard let esperada = firma(a.clave, a.textoFirmado) else {
                hallazgos.append(.init(secuencia: a.secuencia, descripcion:
                    "El ancla de la línea \(n) está firmada con una clave desconocida («\(a.clave)»)."))
                continue
            }
            guard esperada == a.firma else {
                hallazgos.append(.init(secuencia: a.secuencia, descripcion:
                    "El ancla de la línea \(n) (entrada \(a.secuencia), \(a.dia)) no tiene una firma válida: el archivo de anclas fue modificado."))
                continue
            }
            firmadas.append(a)
        }
        // The most recent anchor past the head tells that (and since when) the log lost its end.
        let pasadas = firmadas.filter { $0.secuencia > cabeza }
        if let mayor = pasadas.map(\.secuencia).max(), let perdida = pasadas.first(where: { $0.secuencia == mayor }) {
            hallazgos.append(.init(secuencia: perdida.secuencia, descripcion:
                "El registro fue truncado: la entrada \(perdida.secuencia), anclada el \(perdida.dia), ya no existe; "
                + (cabeza == 0 ? "no queda ninguna entrada." : "la última entrada es la \(cabeza).")))
        }
        // Anchors repeat the same head while nothing happens: one finding per entry, from its earliest anchor.
        var vistas: Set<Int> = []
        for a in firmadas where a.secuencia >= 1 && a.secuencia <= cabeza && !vistas.contains(a.secuencia) {
            if let h = hashes[a.secuencia] {
                guard h != a.hash else { continue }
                hallazgos.append(.init(secuencia: a.secuencia, descripcion:
                    "La entrada \(a.secuencia) no coincide con su ancla del \(a.dia): fue reescrita."))
            } else {
                hallazgos.append(.init(secuencia: a.secuencia, descripcion: "La entrada \(a.secuencia), anclada el \(a.dia), ya no existe."))
            }
            vistas.insert(a.secuencia)
        }
        return hallazgos
    }
}
