import Fluent
import Foundation

/// A notification to a person: shown in Pacta and sent by e-mail through the outbox.
/// `clave` makes enqueueing idempotent (the reminders command can run any number of times).
final class Aviso: Model, @unchecked Sendable {
    static let schema = "avisos"

    enum Estado: String, Codable, Sendable, CaseIterable {
        case pendiente
        /// Taken by a sending run (`enviado_at` holds when); back to pendiente if that run died.
        case enviando
        case enviado
        /// No mail command configured: written to the log instead.
        case registrado
        case fallido
        case sinCorreo = "sin_correo"
    }

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "clave") var clave: String
    @OptionalField(key: "correo") var correo: String?
    @Field(key: "asunto") var asunto: String
    @Field(key: "cuerpo") var cuerpo: String
    @OptionalField(key: "enlace") var enlace: String?
    @Field(key: "estado") var estado: Estado
    @Field(key: "intentos") var intentos: Int
    @OptionalField(key: "error") var error: String?
    @OptionalField(key: "enviado_at") var enviadoAt: Date?
    @Field(key: "leido") var leido: Bool

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad
    @OptionalParent(key: "usuario_id") var usuario: Usuario?
    @OptionalParent(key: "servidor_id") var servidor: Servidor?

    init() {}
}
