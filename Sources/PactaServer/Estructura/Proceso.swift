import Fluent
import Foundation
import PactaCore

/// An entry of the entity's process map.
final class Proceso: Model, @unchecked Sendable {
    static let schema = "procesos"

    // managed fields
    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "codigo") var codigo: String
    @Field(key: "nombre") var nombre: String
    @Field(key: "tipo") var tipo: TipoProceso

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad
    @OptionalParent(key: "dependencia_lider_id") var dependenciaLider: Dependencia?

    init() {}

    init(id: UUID? = nil, entidadID: UUID, codigo: String, nombre: String, tipo: TipoProceso, dependenciaLiderID: UUID? = nil) {
        self.id = id
        self.$entidad.id = entidadID
        self.codigo = codigo
        self.nombre = nombre
        self.tipo = tipo
        self.$dependenciaLider.id = dependenciaLiderID
    }
}
