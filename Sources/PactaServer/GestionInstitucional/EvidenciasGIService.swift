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
        var c = Campos()
        let nota = c.opcional("nota", input.nota, etiqueta: "La nota", max: 4000) ?? ""
        let metaID = c.uuid("metaId", input.metaId, etiqueta: "La meta")
        let esObservacion = c.booleano(input.observacion, defecto: false)
        if nota.isEmpty && archivo == nil { c.falla("nota", "Escriba una nota o adjunte un archivo.") }
        if esObservacion && nota.isEmpty { c.falla("nota", "La observación necesita un texto.") }
        try c.lanzarSiHayErrores()
        let mime = try archivo.map(EvidenciasService.validarArchivo)
        return try await db.escribir { db in
            let (ev, roles) = try await GestionAcceso.obtener(id, actor, on: db)
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
            let e = try await EvidenciasService.crear(.gestionInstitucional, evaluacionID: ev.id!, entidadID: ev.$entidad.id, referencia: metaID,
                                                      autor: actor.usuarioID, rol: rol.rawValue, nota: nota, archivo: archivo, mime: mime,
                                                      esObservacion: esObservacion, hoy: hoy, on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: esObservacion ? "registrar observación" : "agregar evidencia",
                                         tipo: EvaluacionGI.tipoDeRegistro, id: ev.id!.uuidString, antes: Optional<Nada>.none,
                                         despues: ["evidencia": e.id!.uuidString, "archivo": e.nombreArchivo ?? "", "tamano": "\(e.tamano)"])
            try await TransicionService.registrarEvento(
                .gestionInstitucional, evaluacionID: ev.id!, entidadID: ev.$entidad.id,
                accion: esObservacion ? "Registró una observación de seguimiento" : "Agregó una evidencia", rol: rol.rawValue,
                actor: actor.nombre, desde: ev.estado.rawValue, hacia: ev.estado.rawValue,
                detalle: [nota, e.nombreArchivo ?? ""].filter { !$0.isEmpty }.joined(separator: " · "), hoy: hoy, on: db)
            if esObservacion {
                try await EvaluacionesGIService.avisar(ev, a: ev.$servidor.id, clave: "observacion:\(e.id!)",
                                                       asunto: "Nueva observación de seguimiento", cuerpo: nota, on: db)
            }
            return e
        }
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
