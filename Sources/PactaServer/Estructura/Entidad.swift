import Fluent
import Foundation

/// A public entity. Everything else hangs from one; entities never see each other.
final class Entidad: Model, @unchecked Sendable {
    static let schema = "entidades"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "nombre") var nombre: String
    @Field(key: "sigla") var sigla: String
    @OptionalField(key: "nit") var nit: String?

    init() {}

    init(id: UUID? = nil, nombre: String, sigla: String, nit: String? = nil) {
        self.id = id
        self.nombre = nombre
        self.sigla = sigla
        self.nit = nit
    }
}
