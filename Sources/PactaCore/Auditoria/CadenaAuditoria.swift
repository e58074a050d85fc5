/// The audit trail is append-only and hash-chained: each entry's hash covers its content
/// and the previous entry's hash, so editing or deleting any entry breaks the chain from there on.
/// A chain alone can be rewritten to the end by anyone who can write the database, so each entry
/// is also keyed: its hash is an HMAC with a key kept outside the database, named by the entry
/// (`clave`). Entries written before keys existed (`clave` nil) are plain SHA-256, and only allowed
/// below the boundary the key ring records. The keyed hash comes in as a parameter (`Firmador`);
/// the anchors (`ArchivoDeAnclas`) catch what a keyed chain cannot: the last entries deleted.

public struct EntradaAuditoria: Sendable, Equatable {
    public var secuencia: Int
    public var momentoMs: Int64
    public var entidad: String?
    public var usuario: String?
    public var actor: String
    public var accion: String
    public var tipoRegistro: String
    public var registro: String
    public var antes: String?
    public var despues: String?
    public var hashAnterior: String
    public var hash: String
    /// The id of the key the hash was made with; nil for entries from before the keys.
    public var clave: String?

    public init(secuencia: Int, momentoMs: Int64, entidad: String?, usuario: String?, actor: String, accion: String,
                tipoRegistro: String, registro: String, antes: String?, despues: String?, hashAnterior: String, hash: String,
                clave: String? = nil) {
        self.secuencia = secuencia
        self.momentoMs = momentoMs
        self.entidad = entidad
        self.usuario = usuario
        self.actor = actor
        self.accion = accion
        self.tipoRegistro = tipoRegistro
        self.registro = registro
        self.antes = antes
        self.despues = despues
        self.hashAnterior = hashAnterior
        self.hash = hash
        self.clave = clave
    }
}

public struct HallazgoAuditoria: Sendable, Equatable {
    public let secuencia: Int
    public let descripcion: String
}

public enum CadenaAuditoria {
    /// The "previous hash" of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The keyed hash of a text: the hex HMAC with the key `claveID`, or the plain hash when `claveID`
    /// is nil (entries from before the keys); nil when the key is unknown.
    public typealias Firmador = @Sendable (_ claveID: String?, _ texto: String) -> String?

    /// The exact text that is hashed: every field, in a fixed order, length-prefixed so that
    /// no two different entries can produce the same text. The key id goes last, only when there is
    /// one, so that moving an entry to another key is an edit too (and older entries keep their text).
    public static func contenido(_ e: EntradaAuditoria) -> String {
        var campos: [String?] = [String(e.secuencia), String(e.momentoMs), e.entidad, e.usuario, e.actor, e.accion,
                                 e.tipoRegistro, e.registro, e.antes, e.despues, e.hashAnterior]
        if let clave = e.clave { campos.append(clave) }
        return campos.map { c in c.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined(separator: "|")
    }

    /// Streaming verification: feed entries in order of `secuencia`.
    public struct Verificador: Sendable {
        let hash: Firmador
        let firmadasDesde: Int?
        let anclas: Set<Int>
        var esperada: Int
        var anterior: String
        public private(set) var revisadas = 0
        public private(set) var hallazgos: [HallazgoAuditoria] = []
        /// The stored hash of each anchored `secuencia` seen, for `ArchivoDeAnclas.hallazgos`.
        public private(set) var hashesAnclados: [Int: String] = [:]

        /// - Parameters:
        ///   - firmadasDesde: the key ring's boundary: from this `secuencia` on, an entry without a key is a finding.
        ///   - anclas: the anchored `secuencia`s whose stored hash to keep in `hashesAnclados`.
        public init(desde secuencia: Int = 1, hashAnterior: String = CadenaAuditoria.genesis, firmadasDesde: Int? = nil,
                    anclas: Set<Int> = [], hash: @escaping Firmador) {
            self.hash = hash
            self.firmadasDesde = firmadasDesde
            self.anclas = anclas
            self.esperada = secuencia
            self.anterior = hashAnterior
        }

        /// The last `secuencia` fed (with entries fed in order, the head of the log); 0 before any.
        public var cabeza: Int { esperada - 1 }

        public mutating func revisar(_ e: EntradaAuditoria) {
            revisadas += 1
            if e.secuencia > esperada {
                let faltan = e.secuencia - esperada
                hallazgos.append(.init(secuencia: esperada, descripcion: faltan == 1
                    ? "Falta la entrada \(esperada)."
                    : "Faltan las entradas \(esperada) a \(e.secuencia - 1)."))
            } else if e.secuencia < esperada {
                hallazgos.append(.init(secuencia: e.secuencia, descripcion: "La entrada \(e.secuencia) está repetida o fuera de orden."))
            }
            if e.hashAnterior != anterior {
                hallazgos.append(.init(secuencia: e.secuencia, descripcion: "La entrada \(e.secuencia) no enlaza con la anterior (hash anterior distinto)."))
            }
            if e.clave == nil, let limite = firmadasDesde, e.secuencia >= limite {
                hallazgos.append(.init(secuencia: e.secuencia, descripcion:
                    "La entrada \(e.secuencia) no está firmada con una clave, y desde la entrada \(limite) todas deben estarlo."))
            }
            if let esperado = hash(e.clave, contenido(e)) {
                if esperado != e.hash {
                    hallazgos.append(.init(secuencia: e.secuencia, descripcion: "La entrada \(e.secuencia) fue alterada: su contenido no coincide con su hash."))
                }
            } else {
                hallazgos.append(.init(secuencia: e.secuencia, descripcion:
                    "La entrada \(e.secuencia) está firmada con una clave desconocida («\(e.clave ?? "")»)."))
            }
            if anclas.contains(e.secuencia) { hashesAnclados[e.secuencia] = e.hash }
            esperada = e.secuencia + 1
            anterior = e.hash
        }
    }
}
