import Fluent
import Foundation

/// A non-working day of one entity (a decreed day off), on top of the national holidays.
final class DiaNoHabil: Model, @unchecked Sendable {
    static let schema = "dias_no_habiles"

    @ID(key: .id) var id: UUID?
    @Field(key: "fecha") var fecha: String
    @Field(key: "motivo") var motivo: String
    @Parent(key: "entidad_id") var entidad: Entidad

    init() {}

    init(entidadID: UUID, fecha: String, motivo: String) {
        self.$entidad.id = entidadID
        self.fecha = fecha
        self.motivo = motivo
    }
}
