import Fluent
import Foundation
import PactaCore

/// An action of a plan de mejoramiento individual agreed during the seguimiento of any instrument's
/// evaluation (the EDL's format F-047), with its own follow-ups. Keyed by instrument and evaluation.
final class AccionDeMejoramiento: Model, @unchecked Sendable {
    static let schema = "acciones_de_mejoramiento"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "instrumento") var instrumento: TipoInstrumento
    @Field(key: "evaluacion_id") var evaluacionID: UUID
    @Field(key: "accion") var accion: String
    @Field(key: "responsable") var responsable: String
    @Field(key: "fecha_limite") var fechaLimite: String
    @Field(key: "indicador") var indicador: String
    @Field(key: "causa") var causa: String
    @Field(key: "avance") var avance: Int
    /// [{fecha, avance, nota}]
    @Field(key: "seguimientos") var seguimientosJSON: String

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad

    init() {}

    struct Seguimiento: Codable, Sendable {
        var fecha: String
        var avance: Int
        var nota: String
    }

    var seguimientos: [Seguimiento] {
        get { (try? JSONDecoder().decode([Seguimiento].self, from: Data(seguimientosJSON.utf8))) ?? [] }
        set { seguimientosJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }
}
