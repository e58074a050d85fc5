import Fluent
import Foundation
import PactaCore
import Vapor

/// The Gestión Institucional's evidencias: the evaluado's of what was achieved, per meta or in general,
/// and the jefe's observations, kept in the table every instrument shares.
enum EvidenciasGIService {
    struct EvidenciaInput: Content {
        var nota: String?
        var metaId: String?
        var observacion: String?
    }

    static func agregar(_ id: UUID?, _ input: EvidenciaInput, archivo: EvidenciasService.Archivo?, _ actor: Actor, hoy: Fecha,
                        on db: any Database) async throws -> Evidencia {
        try await EvidenciasService.agregar(
            EvaluacionGI.self, id: id, nota: input.nota, observacion: input.observacion, referencia: ("metaId", input.metaId, "La meta"),
            archivo: archivo, actor: actor, hoy: hoy, on: db,
            cargar: { id, actor, db in try await GestionAcceso.obtener(id, actor, on: db) },
            autor: { ev, roles, esObservacion, metaID, _ in
                guard let rol = EvaluacionGI.preferencia.first(where: { roles.contains($0) && FlujoGI.registraEvidencias(estado: ev.estado, rol: $0) }) else {
                    if roles.isDisjoint(with: [.evaluado, .jefe]) {
                        throw PactaError.prohibido("Solo el evaluado y su jefe inmediato registran evidencias.")
                    }
                    throw PactaError.conflicto("Las evidencias se registran con las metas acordadas y hasta aceptar el resultado; la evaluación está «\(ev.estado.nombre)».")
                }
                if esObservacion && rol != .jefe { throw PactaError.prohibido("Solo el jefe inmediato registra observaciones de seguimiento.") }
                if let metaID, !ev.metas.contains(where: { UUID(uuidString: $0.id) == metaID }) {
                    throw PactaError.validacion(["metaId": "La meta no pertenece a esta evaluación."])
                }
                return rol
            },
            avisar: { ev, e, db in
                try await EvaluacionesGIService.avisar(ev, a: ev.$servidor.id, clave: "observacion:\(e.id!)",
                                                       asunto: "Nueva observación de seguimiento", cuerpo: e.nota, on: db)
            })
    }

    /// The file of an evidencia, for whoever may see the evaluation.
    static func archivo(_ evaluacionID: UUID?, _ evidenciaID: UUID?, _ actor: Actor, on db: any Database) async throws -> Evidencia {
        let (ev, _) = try await GestionAcceso.obtener(evaluacionID, actor, on: db)
        return try await EvidenciasService.archivo(.gestionInstitucional, evaluacionID: ev.id!, evidenciaID: evidenciaID, on: db)
    }
}

/// One evidencia on the wire and on the page.
struct EvidenciaGIDTO: Content {
    let id: UUID
    let fecha: String
    let fechaTexto: String
    let autor: String
    let autorRol: String
    let nota: String
    let archivo: String?
    let tamanoTexto: String
    let esObservacion: Bool
    /// The meta it supports (its number in the evaluation), when it names one.
    let meta: Int?

    static func lista(_ ev: EvaluacionGI, on db: any Database) async throws -> [EvidenciaGIDTO] {
        let numero = Dictionary(ev.metas.enumerated().compactMap { k, m in UUID(uuidString: m.id).map { ($0, k + 1) } }, uniquingKeysWith: { a, _ in a })
        return try await EvidenciasService.listar(.gestionInstitucional, ev.id!, on: db).map { e, autor in
            EvidenciaGIDTO(id: e.id!, fecha: e.fecha, fechaTexto: Fecha(iso: e.fecha)?.texto ?? e.fecha, autor: autor,
                           autorRol: RolGI(rawValue: e.autorRol)?.nombre ?? e.autorRol, nota: e.nota, archivo: e.nombreArchivo,
                           tamanoTexto: EvidenciasService.tamano(e.tamano), esObservacion: e.esObservacion,
                           meta: e.referenciaID.flatMap { numero[$0] })
        }
    }
}
