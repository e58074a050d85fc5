import Fluent
import Foundation
import PactaCore

/// A rated (or to-be-rated) stretch of an evaluation: an evaluación parcial eventual, a semester,
/// the final stretch, an extraordinaria, or a minimum applied for omission.
final class TramoEDL: Model, @unchecked Sendable {
    static let schema = "tramos_edl"

    enum Estado: String, Codable, Sendable { case abierto, calificado }

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "motivo") var motivo: MotivoParcial
    @Field(key: "estado") var estado: Estado
    @Field(key: "desde") var desde: String
    @Field(key: "hasta") var hasta: String
    @Field(key: "dias") var dias: Int
    @OptionalField(key: "vence") var vence: String?
    @OptionalField(key: "puntaje") var puntaje: Int?
    @OptionalField(key: "puntos_comportamentales") var puntosComportamentales: Int?
    /// [{compromisoId, cumplimiento}] as given by the evaluador.
    @Field(key: "cumplimientos") var cumplimientosJSON: String
    @Field(key: "observaciones") var observaciones: String
    @OptionalField(key: "calificado_el") var calificadoEl: String?

    // relationships
    @Parent(key: "evaluacion_id") var evaluacion: EvaluacionEDL
    @OptionalParent(key: "evaluador_id") var evaluador: Servidor?
    @OptionalParent(key: "situacion_id") var situacion: SituacionAdministrativa?

    init() {}

    var periodo: Periodo { Periodo(inicio: Fecha(iso: desde)!, fin: Fecha(iso: hasta)!)! }

    struct Cumplimiento: Codable, Sendable, Equatable {
        var compromisoId: UUID
        var cumplimiento: Puntaje
    }

    var cumplimientos: [Cumplimiento] {
        (try? JSONDecoder().decode([Cumplimiento].self, from: Data(cumplimientosJSON.utf8))) ?? []
    }
}
