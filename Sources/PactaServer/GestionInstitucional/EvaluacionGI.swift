import Fluent
import Foundation
import PactaCore

/// One servant's Evaluación de la Gestión Institucional in a vigencia: metas y objetivos, two
/// seguimientos, competencias and the final acceptance.
final class EvaluacionGI: Model, @unchecked Sendable {
    static let schema = "evaluaciones_gi"

    struct Competencia: Codable, Sendable, Hashable {
        var codigo: String
        var nombre: String
        var puntaje: Puntaje?
    }

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "estado") var estado: EstadoGI
    /// Snapshots for reports when the servant joined the vigencia.
    @Field(key: "vinculacion") var vinculacion: TipoVinculacion
    @Field(key: "nivel") var nivel: NivelJerarquico
    /// Set when the servant took office during the vigencia: their formulación counts from it.
    @OptionalField(key: "posesion") var posesion: String?
    @Field(key: "metas") var metasJSON: String
    /// The metas before the jefe's last modification: what the evaluado compares before accepting.
    @OptionalField(key: "metas_previas") var metasPreviasJSON: String?
    @Field(key: "competencias") var competenciasJSON: String
    /// Why the last rejection or non-acceptance sent it back.
    @OptionalField(key: "motivo") var motivo: String?
    /// The last sending to the jefe and the jefe's last answer (the plazos count from them).
    @OptionalField(key: "enviada_el") var enviadaEl: String?
    @OptionalField(key: "revisada_el") var revisadaEl: String?
    @OptionalField(key: "modificada") var modificada: Bool?
    /// Results in centésimas, and the level of the entity's scale.
    @OptionalField(key: "seguimiento1") var seguimiento1: Int?
    @OptionalField(key: "seguimiento2") var seguimiento2: Int?
    @OptionalField(key: "resultado") var resultado: Int?
    @OptionalField(key: "nivel_escala") var nivelEscala: String?
    @OptionalField(key: "finalizada_el") var finalizadaEl: String?
    /// Since when it is at its current stage (the control point counts días hábiles from it).
    @Field(key: "etapa_desde") var etapaDesde: String
    @Field(key: "version") var version: Int

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad
    @Parent(key: "vigencia_id") var vigencia: VigenciaGI
    @Parent(key: "servidor_id") var servidor: Servidor
    @OptionalParent(key: "jefe_id") var jefe: Servidor?
    @OptionalParent(key: "dependencia_id") var dependencia: Dependencia?

    init() {}

    var metas: [MetaGI] {
        get { (try? JSONDecoder().decode([MetaGI].self, from: Data(metasJSON.utf8))) ?? [] }
        set { metasJSON = Self.json(newValue) }
    }

    var metasPrevias: [MetaGI]? {
        get { metasPreviasJSON.flatMap { try? JSONDecoder().decode([MetaGI].self, from: Data($0.utf8)) } }
        set { metasPreviasJSON = newValue.map(Self.json) }
    }

    var competencias: [Competencia] {
        get { (try? JSONDecoder().decode([Competencia].self, from: Data(competenciasJSON.utf8))) ?? [] }
        set { competenciasJSON = Self.json(newValue) }
    }

    static func json(_ v: some Encodable) -> String {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return String(decoding: (try? e.encode(v)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
