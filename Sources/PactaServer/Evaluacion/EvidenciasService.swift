import Fluent
import Foundation
import PactaCore
import Vapor

/// The portafolio de evidencias of any instrument: what a file may be, how it is kept and given
/// back. Each instrument decides who may add one and to what (`referencia`); this does the rest.
enum EvidenciasService {
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

        /// The file part of a form; a browser sends an empty part when no file was chosen.
        init?(_ f: File?) {
            guard let f, f.data.readableBytes > 0 || !f.filename.isEmpty else { return nil }
            nombre = f.filename
            datos = Data(buffer: f.data)
        }

        init(nombre: String, datos: Data) {
            self.nombre = nombre
            self.datos = datos
        }
    }

    static func tamano(_ n: Int) -> String {
        if n <= 0 { return "" }
        if n < 1024 { return "\(n) B" }
        if n < 1024 * 1024 { return "\(n / 1024) KB" }
        return String(format: "%.1f MB", Double(n) / 1_048_576).replacingOccurrences(of: ".", with: ",")
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
            throw PactaError.validacion(["archivo": "El archivo pesa \(tamano(a.datos.count)); el máximo es 10 MB."])
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

    /// Adding an evidencia to an evaluation of any instrument. Reads the form (a note or a file, at least
    /// one; an observation of the one who follows up needs text; the compromiso or meta it supports) and
    /// checks the file; then, in one write transaction, loads the evaluation, asks the instrument with
    /// which role the actor adds it (`autor` refuses out of role or time, or a referencia that is not
    /// the evaluation's), keeps it with its audit entry and its line in the history, and lets the
    /// instrument notify an observation.
    static func agregar<E: EvaluacionDeInstrumento>(
        _: E.Type, id: UUID?, nota: String?, observacion: String?, referencia: (campo: String, valor: String?, etiqueta: String),
        archivo: Archivo?, actor: Actor, hoy: Fecha, on db: any Database,
        cargar: @escaping @Sendable (UUID?, Actor, any Database) async throws -> (E, Set<E.RolDeFlujo>),
        autor: @escaping @Sendable (_ ev: E, _ roles: Set<E.RolDeFlujo>, _ esObservacion: Bool, _ referencia: UUID?, any Database) async throws -> E.RolDeFlujo,
        avisar: @escaping @Sendable (_ ev: E, _ observacion: Evidencia, any Database) async throws -> Void
    ) async throws -> Evidencia {
        var c = Campos()
        let texto = c.opcional("nota", nota, etiqueta: "La nota", max: 4000) ?? ""
        let esObservacion = c.booleano(observacion, defecto: false)
        let ref = c.uuid(referencia.campo, referencia.valor, etiqueta: referencia.etiqueta)
        if texto.isEmpty && archivo == nil { c.falla("nota", "Escriba una nota o adjunte un archivo.") }
        if esObservacion && archivo != nil && texto.isEmpty { c.falla("nota", "La observación necesita un texto.") }
        try c.lanzarSiHayErrores()
        let mime = try archivo.map(validarArchivo)
        return try await db.escribir { db in
            let (ev, roles) = try await cargar(id, actor, db)
            let rol = try await autor(ev, roles, esObservacion, ref, db).rawValue
            let e = try await crear(E.instrumento, evaluacionID: ev.id!, entidadID: ev.entidadID, referencia: ref,
                                    autor: actor.usuarioID, rol: rol, nota: texto, archivo: archivo, mime: mime,
                                    esObservacion: esObservacion, hoy: hoy, on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: esObservacion ? "registrar observación" : "agregar evidencia",
                                         tipo: E.tipoDeRegistro, id: ev.id!.uuidString, antes: Optional<Nada>.none,
                                         despues: ["evidencia": e.id!.uuidString, "archivo": e.nombreArchivo ?? "", "tamano": "\(e.tamano)"])
            try await TransicionService.registrarEvento(
                E.instrumento, evaluacionID: ev.id!, entidadID: ev.entidadID,
                accion: esObservacion ? "Registró una observación de seguimiento" : "Agregó una evidencia", rol: rol,
                actor: actor.nombre, desde: ev.estado.rawValue, hacia: ev.estado.rawValue,
                detalle: [texto, e.nombreArchivo ?? ""].filter { !$0.isEmpty }.joined(separator: " · "), hoy: hoy, on: db)
            if esObservacion { try await avisar(ev, e, db) }
            return e
        }
    }

    /// Keeps an evidencia already checked by its instrument (inside the caller's transaction).
    static func crear(_ instrumento: TipoInstrumento, evaluacionID: UUID, entidadID: UUID, referencia: UUID?, autor: UUID?,
                      rol: String, nota: String, archivo: Archivo?, mime: String?, esObservacion: Bool, hoy: Fecha,
                      on db: any Database) async throws -> Evidencia {
        let e = Evidencia()
        e.instrumento = instrumento
        e.evaluacionID = evaluacionID
        e.$entidad.id = entidadID
        e.referenciaID = referencia
        e.$autor.id = autor
        // The real day it was added: one brought after the period ended (while it is being rated) says so.
        e.fecha = hoy.iso
        e.autorRol = rol
        e.nota = nota
        e.nombreArchivo = archivo.map { String(($0.nombre.split(separator: "/").last.map(String.init) ?? $0.nombre).prefix(200)) }
        e.tipoContenido = mime
        e.tamano = archivo?.datos.count ?? 0
        e.contenido = archivo?.datos
        e.esObservacion = esObservacion
        try await e.create(on: db)
        return e
    }

    /// An evaluation's evidencias without their files' bytes, oldest first, with their authors' names.
    static func listar(_ instrumento: TipoInstrumento, _ evaluacionID: UUID, on db: any Database) async throws -> [(Evidencia, String)] {
        let evidencias = try await Evidencia.query(on: db).filter(\.$instrumento == instrumento).filter(\.$evaluacionID == evaluacionID)
            .field(\.$id).field(\.$fecha).field(\.$autorRol).field(\.$nota).field(\.$nombreArchivo).field(\.$tamano)
            .field(\.$esObservacion).field(\.$referenciaID).field(\.$autor.$id).field(\.$evaluacionID).field(\.$instrumento)
            .field(\.$entidad.$id).field(\.$createdAt)
            .sort(\.$createdAt).all()
        let autores = try await Usuario.query(on: db).filter(\.$id ~~ Set(evidencias.compactMap { $0.$autor.id })).all()
        let autorPorId = Dictionary(uniqueKeysWithValues: autores.map { ($0.id!, $0.nombre) })
        return evidencias.map { ($0, $0.$autor.id.flatMap { autorPorId[$0] } ?? "") }
    }

    /// The file of one evidencia of an evaluation the caller already showed the actor may see.
    static func archivo(_ instrumento: TipoInstrumento, evaluacionID: UUID, evidenciaID: UUID?, on db: any Database) async throws -> Evidencia {
        guard let evidenciaID, let e = try await Evidencia.query(on: db).filter(\.$id == evidenciaID).filter(\.$instrumento == instrumento)
            .filter(\.$evaluacionID == evaluacionID).first(), e.contenido != nil else {
            throw PactaError.noEncontrado("El archivo")
        }
        return e
    }

    static func descargar(_ e: Evidencia) -> Response {
        var h = HTTPHeaders()
        let tipo = (e.tipoContenido ?? "application/octet-stream").split(separator: "/").map(String.init)
        h.contentType = HTTPMediaType(type: tipo.first ?? "application", subType: tipo.count > 1 ? tipo[1] : "octet-stream")
        let nombre = (e.nombreArchivo ?? "evidencia").replacingOccurrences(of: "\"", with: "")
        let ascii = String(nombre.unicodeScalars.map { $0.isASCII && $0.value >= 32 ? Character($0) : "_" })
        let utf8 = nombre.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "evidencia"
        h.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(utf8)")
        h.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: h, body: .init(data: e.contenido ?? Data()))
    }
}
