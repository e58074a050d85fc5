import Fluent
import Foundation
import PactaCore

/// An office of the entity's structure; a tree through `padre`.
final class Dependencia: Model, @unchecked Sendable {
    static let schema = "dependencias"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "codigo") var codigo: String
    @Field(key: "nombre") var nombre: String
    @Field(key: "tipo") var tipo: TipoDependencia
    @Field(key: "activa") var activa: Bool

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad
    @OptionalParent(key: "padre_id") var padre: Dependencia?

    init() {}

    init(id: UUID? = nil, entidadID: UUID, codigo: String, nombre: String, tipo: TipoDependencia, padreID: UUID? = nil, activa: Bool = true) {
        self.id = id
        self.$entidad.id = entidadID
        self.codigo = codigo
        self.nombre = nombre
        self.tipo = tipo
        self.$padre.id = padreID
        self.activa = activa
    }
}
