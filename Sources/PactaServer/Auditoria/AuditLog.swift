import Crypto
import Fluent
import Foundation
import PactaCore
import SQLKit
import Vapor

/// Appends entries to the hash-chained, keyed audit log, inside the caller's transaction so the
/// change and its record commit together; verifies it against its keys and anchors (see `AuditStores`).
enum AuditLog {
    static func hash(_ s: String) -> String {
        hex(SHA256.hash(data: Data(s.utf8)))
    }

    /// HMAC-SHA256 of `texto` with `clave`, in hex.
    static func firma(_ clave: LlaveroAuditoria.Clave, _ texto: String) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data(texto.utf8), using: SymmetricKey(data: clave.bytes)))
    }

    /// The keyed hash of the ring: HMAC with the named key, plain SHA-256 for entries from before the keys.
    static func firmador(_ llavero: LlaveroAuditoria) -> CadenaAuditoria.Firmador {
        { claveID, texto in
            guard let claveID else { return hash(texto) }
            return llavero.clave(claveID).map { firma($0, texto) }
        }
    }

    static func hex<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digitos = Array("0123456789abcdef".utf8)
        var s: [UInt8] = []
        for b in bytes { s.append(digitos[Int(b >> 4)]); s.append(digitos[Int(b & 0x0f)]) }
        return String(decoding: s, as: UTF8.self)
    }

    static func json<T: Encodable>(_ value: T?) -> String? {
        guard let value else { return nil }
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        enc.dateEncodingStrategy = .iso8601
        return (try? enc.encode(value)).flatMap { String(data: $0, encoding: .utf8) }
    }

    static func registrar<A: Encodable, D: Encodable>(
        on db: any Database, actor: Actor?, accion: String, tipo: String, id: String,
        antes: A?, despues: D?, entidadID: UUID? = nil, momento: Date = Date()
    ) async throws {
        // Serialize writers across instances on PostgreSQL; SQLite serializes writes already.
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(727274)").run()
        }
        let ultimo = try await AuditEntry.query(on: db).sort(\.$secuencia, .descending).first()
        let clave = try await db.auditStores.claves.llavero(cabeza: { ultimo?.secuencia ?? 0 }).actual
        var e = EntradaAuditoria(
            secuencia: (ultimo?.secuencia ?? 0) + 1,
            momentoMs: Int64((momento.timeIntervalSince1970 * 1000).rounded()),
            entidad: (entidadID ?? actor?.entidadID)?.uuidString,
            usuario: actor?.usuarioID.uuidString,
            actor: actor.map { "\($0.nombre) (\($0.nombreUsuario))" } ?? "sistema",
            accion: accion, tipoRegistro: tipo, registro: id,
            antes: json(antes), despues: json(despues),
            hashAnterior: ultimo?.hash ?? CadenaAuditoria.genesis, hash: "", clave: clave.id)
        e.hash = firma(clave, CadenaAuditoria.contenido(e))
        let row = AuditEntry()
        row.secuencia = e.secuencia
        row.momentoMs = e.momentoMs
        row.entidadID = e.entidad.flatMap(UUID.init(uuidString:))
        row.usuarioID = actor?.usuarioID
        row.actor = e.actor
        row.accion = e.accion
        row.tipoRegistro = e.tipoRegistro
        row.registroID = e.registro
        row.antes = e.antes
        row.despues = e.despues
        row.hashAnterior = e.hashAnterior
        row.hash = e.hash
        row.clave = e.clave
        row.busqueda = Texto.normalizar("\(e.actor) \(e.accion) \(e.tipoRegistro)")
        try await row.create(on: db)
    }

    struct Verificacion {
        let revisadas: Int
        let anclas: Int
        let hallazgos: [HallazgoAuditoria]
    }

    /// The last `secuencia` (0 when empty).
    static func cabeza(on db: any Database) async throws -> Int {
        try await AuditEntry.query(on: db).max(\.$secuencia) ?? 0
    }

    /// Walks the whole chain in batches, checking each entry's link and keyed hash, then the anchors;
    /// returns the number of entries and anchors checked and what is wrong.
    static func verificar(on db: any Database) async throws -> Verificacion {
        let stores = try db.auditStores
        let llavero = try await stores.claves.llavero(cabeza: { try await cabeza(on: db) })
        let anclas = ArchivoDeAnclas(texto: try stores.anclas.texto())
        let firma = firmador(llavero)
        var verificador = CadenaAuditoria.Verificador(firmadasDesde: llavero.firmadasDesde, anclas: anclas.secuencias, hash: firma)
        var desde = 0
        while true {
            let lote = try await AuditEntry.query(on: db).filter(\.$secuencia > desde)
                .sort(\.$secuencia, .ascending).limit(1000).all()
            if lote.isEmpty { break }
            for r in lote { verificador.revisar(r.entrada) }
            desde = lote.last!.secuencia
        }
        let deAnclas = anclas.hallazgos(cabeza: verificador.cabeza, hashes: verificador.hashesAnclados, firma: firma)
        return Verificacion(revisadas: verificador.revisadas, anclas: anclas.anclas.count, hallazgos: verificador.hallazgos + deAnclas)
    }

    /// Records the head (last entry and its hash) in the anchors file, signed with the current key.
    static func anclar(on db: any Database, momento: Date = Date()) async throws -> AnclaAuditoria {
        let stores = try db.auditStores
        let ultimo = try await AuditEntry.query(on: db).sort(\.$secuencia, .descending).first()
        let clave = try await stores.claves.llavero(cabeza: { ultimo?.secuencia ?? 0 }).actual
        let ancla = AnclaAuditoria(momento: momento, secuencia: ultimo?.secuencia ?? 0, hash: ultimo?.hash ?? CadenaAuditoria.genesis,
                                   clave: clave.id, firmar: { firma(clave, $0) })
        try stores.anclas.agregar(ancla.linea)
        return ancla
    }

    /// Adds a key to the ring; new entries are signed with it, older ones keep verifying with theirs.
    static func rotarClave(on db: any Database) async throws -> LlaveroAuditoria.Clave {
        try await db.auditStores.claves.rotar(cabeza: { try await cabeza(on: db) })
    }
}

struct Nada: Encodable {}
