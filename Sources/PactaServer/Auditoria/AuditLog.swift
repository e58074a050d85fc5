import Crypto
import Fluent
import Foundation
import PactaCore
import SQLKit
import Vapor

/// Appends entries to the hash-chained audit log, inside the caller's transaction so the
/// change and its record commit together.
enum AuditLog {
    static func hash(_ s: String) -> String {
        SHA256.hash(data: Data(s.utf8)).map { String(format: "%02x", $0) }.joined()
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
        var e = EntradaAuditoria(
            secuencia: (ultimo?.secuencia ?? 0) + 1,
            momentoMs: Int64((momento.timeIntervalSince1970 * 1000).rounded()),
            entidad: (entidadID ?? actor?.entidadID)?.uuidString,
            usuario: actor?.usuarioID.uuidString,
            actor: actor.map { "\($0.nombre) (\($0.nombreUsuario))" } ?? "sistema",
            accion: accion, tipoRegistro: tipo, registro: id,
            antes: json(antes), despues: json(despues),
            hashAnterior: ultimo?.hash ?? CadenaAuditoria.genesis, hash: "")
        e.hash = hash(CadenaAuditoria.contenido(e))
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
        row.busqueda = Texto.normalizar("\(e.actor) \(e.accion) \(e.tipoRegistro)")
        try await row.create(on: db)
    }

    /// Walks the whole chain in batches; returns the number of entries checked and what is wrong.
    static func verificar(on db: any Database) async throws -> (revisadas: Int, hallazgos: [HallazgoAuditoria]) {
        var verificador = CadenaAuditoria.Verificador(hash: { hash($0) })
        var desde = 0
        while true {
            let lote = try await AuditEntry.query(on: db).filter(\.$secuencia > desde)
                .sort(\.$secuencia, .ascending).limit(1000).all()
            if lote.isEmpty { break }
            for r in lote { verificador.revisar(r.entrada) }
            desde = lote.last!.secuencia
        }
        return (verificador.revisadas, verificador.hallazgos)
    }
}

struct Nada: Encodable {}
