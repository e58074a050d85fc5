import Fluent
import Foundation
import PactaCore

/// One row of the append-only, hash-chained and keyed audit log.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_log"

    @ID(key: .id) var id: UUID?
    @Field(key: "secuencia") var secuencia: Int
    @Field(key: "momento_ms") var momentoMs: Int64
    @OptionalField(key: "entidad_id") var entidadID: UUID?
    @OptionalField(key: "usuario_id") var usuarioID: UUID?
    @Field(key: "actor") var actor: String
    @Field(key: "accion") var accion: String
    @Field(key: "tipo_registro") var tipoRegistro: String
    @Field(key: "registro_id") var registroID: String
    @OptionalField(key: "antes") var antes: String?
    @OptionalField(key: "despues") var despues: String?
    @Field(key: "hash_anterior") var hashAnterior: String
    @Field(key: "hash") var hash: String
    /// The id of the key `hash` was made with (an HMAC); nil for entries from before the keys (plain SHA-256).
    @OptionalField(key: "clave") var clave: String?
    /// Actor, action and record type without case or accents, for search on both databases (not hashed).
    @Field(key: "busqueda") var busqueda: String

    init() {}

    var entrada: EntradaAuditoria {
        EntradaAuditoria(secuencia: secuencia, momentoMs: momentoMs, entidad: entidadID?.uuidString, usuario: usuarioID?.uuidString,
                         actor: actor, accion: accion, tipoRegistro: tipoRegistro, registro: registroID,
                         antes: antes, despues: despues, hashAnterior: hashAnterior, hash: hash, clave: clave)
    }
}
