/// The audit trail is append-only and hash-chained: each entry's hash covers its content
/// and the previous entry's hash, so editing or deleting any entry breaks the chain from there on.
/// The hash function comes in as a parameter (the server uses SHA-256).

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

    public init(secuencia: Int, momentoMs: Int64, entidad: String?, usuario: String?, actor: String, accion: String,
                tipoRegistro: String, registro: String, antes: String?, despues: String?, hashAnterior: String, hash: String) {
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
    }
}

public struct HallazgoAuditoria: Sendable, Equatable {
    public let secuencia: Int
    public let descripcion: String
}

public enum CadenaAuditoria {
    /// The "previous hash" of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The exact text that is hashed: every field, in a fixed order, length-prefixed so that
    /// no two different entries can produce the same text.
    public static func contenido(_ e: EntradaAuditoria) -> String {
        let campos: [String?] = [String(e.secuencia), String(e.momentoMs), e.entidad, e.usuario, e.actor, e.accion,
                                 e.tipoRegistro, e.registro, e.antes, e.despues, e.hashAnterior]
        return campos.map { c in c.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined(separator: "|")
    }

    /// Streaming verification: feed entries in order of `secuencia`.
    public struct Verificador: Sendable {
        let hash: @Sendable (String) -> String
        var esperada: Int
        var anterior: String
        public private(set) var revisadas = 0
        public private(set) var hallazgos: [HallazgoAuditoria] = []

        public init(desde secuencia: Int = 1, hashAnterior: String = CadenaAuditoria.genesis, hash: @escaping @Sendable (String) -> String) {
            self.hash = hash
            self.esperada = secuencia
            self.anterior = hashAnterior
        }

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
            if hash(contenido(e)) != e.hash {
                hallazgos.append(.init(secuencia: e.secuencia, descripcion: "La entrada \(e.secuencia) fue alterada: su contenido no coincide con su hash."))
            }
            esperada = e.secuencia + 1
            anterior = e.hash
        }
    }
}
