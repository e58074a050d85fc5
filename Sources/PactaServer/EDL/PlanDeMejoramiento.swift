import Fluent
import Foundation

/// An action of a plan de mejoramiento individual (format F-047), with its own follow-ups.
final class AccionDeMejoramiento: Model, @unchecked Sendable {
    static let schema = "acciones_mejoramiento"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "accion") var accion: String
    @Field(key: "responsable") var responsable: String
    @Field(key: "fecha_limite") var fechaLimite: String
    @Field(key: "indicador") var indicador: String
    @Field(key: "causa") var causa: String
    @Field(key: "avance") var avance: Int
    /// [{fecha, avance, nota}]
    @Field(key: "seguimientos") var seguimientosJSON: String

    // relationships
    @Parent(key: "evaluacion_id") var evaluacion: EvaluacionEDL

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
