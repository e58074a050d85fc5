import Fluent
import Foundation
import PactaCore

/// The visible history of an evaluation: who did what, when, and the stage it moved to.
final class EventoEDL: Model, @unchecked Sendable {
    static let schema = "eventos_edl"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "fecha") var fecha: String
    @Field(key: "accion") var accion: String
    @Field(key: "rol") var rol: String
    @Field(key: "actor_nombre") var actorNombre: String
    @Field(key: "estado_desde") var estadoDesde: EstadoEDL
    @Field(key: "estado_hacia") var estadoHacia: EstadoEDL
    @Field(key: "detalle") var detalle: String

    // relationships
    @Parent(key: "evaluacion_id") var evaluacion: EvaluacionEDL

    init() {}
}
