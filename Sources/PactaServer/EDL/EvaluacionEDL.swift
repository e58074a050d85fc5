import Fluent
import Foundation
import PactaCore

/// One servant's EDL evaluation in a period: from concertación to en firme.
final class EvaluacionEDL: Model, @unchecked Sendable {
    static let schema = "evaluaciones_edl"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "estado") var estado: EstadoEDL
    @Field(key: "en_prueba") var enPrueba: Bool
    /// First and last day this evaluation covers (the period, or posesión / the período de prueba).
    @Field(key: "inicio") var inicio: String
    @Field(key: "fin") var fin: String
    @Field(key: "vence_concertacion") var venceConcertacion: String
    /// Snapshots for reports: the servant's level, vinculación and dependencia when the period opened.
    @Field(key: "nivel") var nivel: NivelJerarquico
    @Field(key: "vinculacion") var vinculacion: TipoVinculacion
    /// What the compromisos' weights must add up to (centésimas): 10000, or the remaining share after a traslado.
    @Field(key: "peso_total") var pesoTotal: Int
    /// [codigo] of the competencias comportamentales.
    @Field(key: "comportamentales") var comportamentalesJSON: String
    @OptionalField(key: "modo_fijacion") var modoFijacion: ModoFijacion?
    @OptionalField(key: "testigo") var testigo: String?
    @OptionalField(key: "concertada_el") var concertadaEl: String?
    @OptionalField(key: "puntaje") var puntaje: Int?
    @OptionalField(key: "nivel_escala") var nivelEscala: String?
    @OptionalField(key: "nivel_nombre") var nivelNombre: String?
    @OptionalField(key: "satisfactoria") var satisfactoria: Bool?
    @OptionalField(key: "calificada_el") var calificadaEl: String?
    @OptionalField(key: "motivacion") var motivacion: String?
    @OptionalField(key: "notificada_el") var notificadaEl: String?
    @OptionalField(key: "medio_notificacion") var medioNotificacion: String?
    @OptionalField(key: "en_firme_el") var enFirmeEl: String?
    @OptionalField(key: "orden_extraordinaria") var ordenExtraordinaria: String?
    @OptionalField(key: "extraordinaria_ordenada_el") var extraordinariaOrdenadaEl: String?
    @Field(key: "es_extraordinaria") var esExtraordinaria: Bool
    @Field(key: "version") var version: Int

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad
    @Parent(key: "periodo_id") var periodo: PeriodoEDL
    @Parent(key: "servidor_id") var servidor: Servidor
    @OptionalParent(key: "evaluador_id") var evaluador: Servidor?
    @OptionalParent(key: "comision_id") var comision: Servidor?
    @OptionalParent(key: "dependencia_id") var dependencia: Dependencia?

    init() {}

    var comportamentales: [String] {
        get { (try? JSONDecoder().decode([String].self, from: Data(comportamentalesJSON.utf8))) ?? [] }
        set { comportamentalesJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }

    var cubre: Periodo { Periodo(inicio: Fecha(iso: inicio)!, fin: Fecha(iso: fin)!)! }
    var puntajeValor: Puntaje? { puntaje.map { Puntaje(centesimas: $0) } }
}
