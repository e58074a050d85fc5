import Fluent
import Foundation
import PactaCore

/// A post of the planta de personal: denominación, código, grado, nivel jerárquico.
final class Empleo: Model, @unchecked Sendable {
    static let schema = "empleos"

    // managed fields
    @ID(key: .id) var id: UUID?

    // data fields
    @Field(key: "denominacion") var denominacion: String
    @Field(key: "codigo") var codigo: String
    @Field(key: "grado") var grado: String
    @Field(key: "nivel") var nivel: NivelJerarquico

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad

    init() {}

    init(id: UUID? = nil, entidadID: UUID, denominacion: String, codigo: String, grado: String, nivel: NivelJerarquico) {
        self.id = id
        self.$entidad.id = entidadID
        self.denominacion = denominacion
        self.codigo = codigo
        self.grado = grado
        self.nivel = nivel
    }

    var titulo: String { "\(denominacion) \(codigo)-\(grado)" }
}
