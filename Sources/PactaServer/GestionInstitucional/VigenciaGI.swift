import Fluent
import Foundation
import PactaCore

/// A vigencia of the Evaluación de la Gestión Institucional, opened by Talento Humano with its plan de
/// trabajo (seed 001, activity 3). Keeps a copy of the definition it was opened with.
final class VigenciaGI: Model, @unchecked Sendable {
    static let schema = "vigencias_gi"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "anio") var anio: Int
    @Field(key: "nombre") var nombre: String
    @Field(key: "definicion") var definicionJSON: String
    /// {codigo: {inicio, fin}} of each stage of this vigencia's plan de trabajo.
    @Field(key: "plan") var planJSON: String
    @Field(key: "version") var version: Int

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad
    @OptionalField(key: "abierta_por_id") var abiertaPorID: UUID?

    init() {}

    var definicion: DefinicionGI {
        get throws { try JSONDecoder().decode(DefinicionGI.self, from: Data(definicionJSON.utf8)) }
    }

    struct FechasEtapa: Codable, Sendable, Hashable {
        var inicio: Fecha
        var fin: Fecha
    }

    var plan: [String: Periodo] {
        get {
            let e = (try? JSONDecoder().decode([String: FechasEtapa].self, from: Data(planJSON.utf8))) ?? [:]
            return e.compactMapValues { Periodo(inicio: $0.inicio, fin: $0.fin) }
        }
        set {
            let e = newValue.mapValues { FechasEtapa(inicio: $0.inicio, fin: $0.fin) }
            planJSON = String(decoding: (try? JSONEncoder().encode(e)) ?? Data("{}".utf8), as: UTF8.self)
        }
    }

    /// 1 January–31 December of the year.
    var periodo: Periodo { Periodo(inicio: Fecha(anio, 1, 1), fin: Fecha(anio, 12, 31))! }
}
