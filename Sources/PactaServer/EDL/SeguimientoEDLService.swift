import Fluent
import Foundation
import PactaCore
import Vapor

/// Seguimiento: the portafolio de evidencias (files and notes), the evaluador's observations and
/// the plan de mejoramiento with its follow-ups.
enum SeguimientoEDLService {
    /// 10 MB per file; the request body limit of the routes is a little above it.
    static let tamanoMaximo = 10 * 1024 * 1024

    /// Allowed extensions and how the file must begin (so a renamed executable is refused).
    static let tipos: [String: (mime: String, firma: [UInt8]?)] = [
        "pdf": ("application/pdf", Array("%PDF".utf8)),
        "png": ("image/png", [0x89, 0x50, 0x4E, 0x47]),
        "jpg": ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        "jpeg": ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04]),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 0x03, 0x04]),
        "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", [0x50, 0x4B, 0x03, 0x04]),
        "odt": ("application/vnd.oasis.opendocument.text", [0x50, 0x4B, 0x03, 0x04]),
        "ods": ("application/vnd.oasis.opendocument.spreadsheet", [0x50, 0x4B, 0x03, 0x04]),
        "csv": ("text/csv", nil),
        "txt": ("text/plain", nil),
    ]

    static var tiposTexto: String { tipos.keys.sorted().map { $0.uppercased() }.joined(separator: ", ") }

    struct Archivo: Sendable {
        let nombre: String
        let datos: Data
    }

    struct EvidenciaInput: Content {
        var nota: String?
        var compromisoId: String?
        var observacion: String?
    }

    /// Checks name, size and content of an uploaded file; returns its MIME type.
    static func validarArchivo(_ a: Archivo) throws -> String {
        let nombre = a.nombre.split(separator: "/").last.map(String.init) ?? a.nombre
        let ext = (nombre.split(separator: ".").last.map(String.init) ?? "").lowercased()
        guard nombre.contains("."), let tipo = tipos[ext] else {
            throw PactaError.validacion(["archivo": "Tipo de archivo no permitido. Se aceptan: \(tiposTexto)."])
        }
        guard !a.datos.isEmpty else { throw PactaError.validacion(["archivo": "El archivo está vacío."]) }
        guard a.datos.count <= tamanoMaximo else {
            throw PactaError.validacion(["archivo": "El archivo pesa \(EDLVistas.tamano(a.datos.count)); el máximo es 10 MB."])
        }
        if let firma = tipo.firma {
            guard a.datos.prefix(firma.count).elementsEqual(firma) else {
                throw PactaError.validacion(["archivo": "El contenido del archivo no corresponde a un \(ext.uppercased())."])
            }
        } else if String(data: a.datos, encoding: .utf8) == nil {
            throw PactaError.validacion(["archivo": "El archivo \(ext.uppercased()) debe ser texto en UTF-8."])
        }
        return tipo.mime
    }

    /// Adds an evidencia (note and/or file) or, for the evaluador, an observation.
    static func agregar(_ id: UUID?, _ input: EvidenciaInput, archivo: Archivo?, _ actor: Actor, hoy: Fecha,
                        on db: any Database) async throws -> EvidenciaEDL {
        var c = Campos()
        let nota = c.opcional("nota", input.nota, etiqueta: "La nota", max: 4000) ?? ""
        let compromisoID = c.uuid("compromisoId", input.compromisoId, etiqueta: "El compromiso")
        let esObservacion = c.booleano(input.observacion, defecto: false)
        if nota.isEmpty && archivo == nil { c.falla("nota", "Escriba una nota o adjunte un archivo.") }
        if esObservacion && archivo != nil && nota.isEmpty { c.falla("nota", "La observación necesita un texto.") }
        try c.lanzarSiHayErrores()
        let mime = try archivo.map(validarArchivo)
        return try await db.escribir { db in
            let (ev, roles) = try await EDLAcceso.obtener(id, actor, on: db)
            let (rol, _) = try EDLAcceso.transicion(ev, roles: roles, accion: .registrarSeguimiento)
            if esObservacion && rol != .evaluador {
                throw PactaError.prohibido("Solo el evaluador registra observaciones de seguimiento.")
            }
            if let compromisoID, try await CompromisoLaboral.query(on: db).filter(\.$id == compromisoID)
                .filter(\.$evaluacion.$id == ev.id!).count() == 0 {
                throw PactaError.validacion(["compromisoId": "El compromiso no pertenece a esta evaluación."])
            }
            // Only evidences of the period count (seed 003).
            if hoy < ev.cubre.inicio {
                throw PactaError.conflicto("El período de evaluación empieza el \(ev.cubre.inicio.texto): aún no se registran evidencias.")
            }
            let e = EvidenciaEDL()
            e.$evaluacion.id = ev.id!
            e.$compromiso.id = compromisoID
            e.$autor.id = actor.usuarioID
            // The real day it was added: one brought after the period ended (while it is being rated) says so.
            e.fecha = hoy.iso
            e.autorRol = rol.rawValue
            e.nota = nota
            e.nombreArchivo = archivo.map { String(($0.nombre.split(separator: "/").last.map(String.init) ?? $0.nombre).prefix(200)) }
            e.tipoContenido = mime
            e.tamano = archivo?.datos.count ?? 0
            e.contenido = archivo?.datos
            e.esObservacion = esObservacion
            try await e.create(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: esObservacion ? "registrar observación" : "agregar evidencia",
                                         tipo: "evaluacion_edl", id: ev.id!.uuidString, antes: Optional<Nada>.none,
                                         despues: ["evidencia": e.id!.uuidString, "archivo": e.nombreArchivo ?? "", "tamano": "\(e.tamano)"])
            try await EvaluacionesEDLService.evento(ev, accion: esObservacion ? "Registró una observación de seguimiento" : "Agregó una evidencia",
                                                    rol: rol, actor, desde: ev.estado,
                                                    detalle: [nota, e.nombreArchivo ?? ""].filter { !$0.isEmpty }.joined(separator: " · "),
                                                    hoy: hoy, on: db)
            if esObservacion {
                try await EvaluacionesEDLService.avisar(ev, a: ev.$servidor.id, clave: "observacion|\(e.id!.uuidString)",
                                                        asunto: "Nueva observación de seguimiento", cuerpo: nota, on: db)
            }
            return e
        }
    }

    /// The file of an evidencia, for whoever may see the evaluation.
    static func archivo(_ evaluacionID: UUID?, _ evidenciaID: UUID?, _ actor: Actor, on db: any Database) async throws -> EvidenciaEDL {
        let (ev, _) = try await EDLAcceso.obtener(evaluacionID, actor, on: db)
        guard let evidenciaID, let e = try await EvidenciaEDL.query(on: db).filter(\.$id == evidenciaID)
            .filter(\.$evaluacion.$id == ev.id!).first(), e.contenido != nil else {
            throw PactaError.noEncontrado("El archivo")
        }
        return e
    }

    static func descargar(_ e: EvidenciaEDL) -> Response {
        var h = HTTPHeaders()
        h.contentType = HTTPMediaType(type: String((e.tipoContenido ?? "application/octet-stream").split(separator: "/")[0]),
                                      subType: String((e.tipoContenido ?? "application/octet-stream").split(separator: "/")[1]))
        let nombre = (e.nombreArchivo ?? "evidencia").replacingOccurrences(of: "\"", with: "")
        let ascii = String(nombre.unicodeScalars.map { $0.isASCII && $0.value >= 32 ? Character($0) : "_" })
        let utf8 = nombre.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "evidencia"
        h.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(utf8)")
        h.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: h, body: .init(data: e.contenido ?? Data()))
    }

    // MARK: - Plan de mejoramiento

    struct AccionInput: Content {
        var accion: String?
        var responsable: String?
        var fechaLimite: String?
        var indicador: String?
        var causa: String?
    }

    struct SeguimientoInput: Content {
        var avance: String?
        var nota: String?
    }

    static func exigirEvaluadorEnSeguimiento(_ ev: EvaluacionEDL, _ roles: Set<RolEDL>) throws -> RolEDL {
        guard roles.contains(.evaluador) else { throw PactaError.prohibido("Solo el evaluador gestiona el plan de mejoramiento.") }
        guard ev.estado == .enSeguimiento else {
            throw PactaError.conflicto("El plan de mejoramiento se registra durante el seguimiento; la evaluación está «\(ev.estado.nombre)».")
        }
        return .evaluador
    }

    static func agregarAccion(_ id: UUID?, _ input: AccionInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> AccionDeMejoramiento {
        var c = Campos()
        let accion = c.texto("accion", input.accion, etiqueta: "La acción de mejora", max: 1000)
        let responsable = c.texto("responsable", input.responsable, etiqueta: "El responsable", max: 200)
        let fecha = c.fecha("fechaLimite", input.fechaLimite, etiqueta: "La fecha límite", obligatorio: true)
        let indicador = c.texto("indicador", input.indicador, etiqueta: "El indicador", max: 500)
        let causa = c.opcional("causa", input.causa, etiqueta: "La causa", max: 1000) ?? ""
        if let fecha, fecha < hoy { c.falla("fechaLimite", "La fecha límite no puede ser anterior a hoy.") }
        try c.lanzarSiHayErrores()
        return try await db.escribir { db in
            let (ev, roles) = try await EDLAcceso.obtener(id, actor, on: db)
            let rol = try exigirEvaluadorEnSeguimiento(ev, roles)
            let a = AccionDeMejoramiento()
            a.$evaluacion.id = ev.id!
            a.accion = accion
            a.responsable = responsable
            a.fechaLimite = fecha!.iso
            a.indicador = indicador
            a.causa = causa
            a.avance = 0
            a.seguimientosJSON = "[]"
            try await a.create(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "agregar acción de mejora", tipo: "evaluacion_edl", id: ev.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: ["accion": accion, "fechaLimite": fecha!.iso, "indicador": indicador])
            try await EvaluacionesEDLService.evento(ev, accion: "Agregó una acción al plan de mejoramiento", rol: rol, actor, desde: ev.estado,
                                                    detalle: "\(accion) — hasta el \(fecha!.texto)", hoy: hoy, on: db)
            try await EvaluacionesEDLService.avisar(ev, a: ev.$servidor.id, clave: "mejora|\(a.id!.uuidString)", asunto: "Plan de mejoramiento",
                                                    cuerpo: "Su evaluador registró una acción de mejora: \(accion). Fecha límite: \(fecha!.texto).", on: db)
            return a
        }
    }

    static func seguirAccion(_ id: UUID?, accionID: UUID?, _ input: SeguimientoInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> AccionDeMejoramiento {
        var c = Campos()
        let nota = c.texto("nota", input.nota, etiqueta: "La nota del seguimiento", max: 2000)
        var avance = 0
        if let t = Campos.limpio(input.avance), let n = Int(t.replacingOccurrences(of: "%", with: "")), (0...100).contains(n) { avance = n } else {
            c.falla("avance", "El avance es un porcentaje entero de 0 a 100.")
        }
        try c.lanzarSiHayErrores()
        let avanceFinal = avance
        return try await db.escribir { db in
            let (ev, roles) = try await EDLAcceso.obtener(id, actor, on: db)
            let rol = try exigirEvaluadorEnSeguimiento(ev, roles)
            guard let accionID, let a = try await AccionDeMejoramiento.query(on: db).filter(\.$id == accionID)
                .filter(\.$evaluacion.$id == ev.id!).first() else { throw PactaError.noEncontrado("La acción de mejora") }
            a.seguimientos = a.seguimientos + [.init(fecha: hoy.iso, avance: avanceFinal, nota: nota)]
            a.avance = avanceFinal
            try await a.save(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "seguir acción de mejora", tipo: "evaluacion_edl", id: ev.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: ["accion": a.id!.uuidString, "avance": "\(avanceFinal)"])
            try await EvaluacionesEDLService.evento(ev, accion: "Registró el seguimiento de una acción de mejora", rol: rol, actor,
                                                    desde: ev.estado, detalle: "\(a.accion): \(avanceFinal) %. \(nota)", hoy: hoy, on: db)
            return a
        }
    }
}
