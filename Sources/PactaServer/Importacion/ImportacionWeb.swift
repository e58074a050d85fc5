import Fluent
import Foundation
import PactaCore
import Spreadsheet
import Vapor

enum ImportacionWeb {
    static func register(_ r: any RoutesBuilder) {
        r.get("importar", use: inicio)
        r.on(.POST, "importar", body: .collect(maxSize: "10mb"), use: cargar)
        r.get("importar", "plantilla", ":tipo", use: plantilla)
        r.get("importar", ":id", use: revisar)
        r.post("importar", ":id", "aplicar", use: aplicar)
        r.post("importar", ":id", "descartar", use: descartar)
    }

    struct Tipo: Encodable { let valor: String; let nombre: String; let columnas: String; let obligatorias: String }
    struct Reciente: Encodable { let id: UUID; let tipo: String; let archivo: String; let estado: String; let fecha: String; let resumen: String }
    struct Inicio: Encodable { let tipos: [Tipo]; let recientes: [Reciente]; let error: String? }

    static func pagina(_ req: Request, error: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let actor = try req.actor()
        try actor.exigir(.importar)
        let tipos = TipoImportacion.allCases.map { t in
            Tipo(valor: t.rawValue, nombre: t.nombre, columnas: t.columnas.map(\.titulo).joined(separator: ", "),
                 obligatorias: t.columnas.filter(\.obligatoria).map(\.titulo).joined(separator: ", "))
        }
        let recientes = try await ImportBatch.query(on: req.db).filter(\.$entidad.$id == actor.entidadID).sort(\.$createdAt, .descending).limit(10).all()
            .map { b in
                Reciente(id: b.id!, tipo: b.tipo.nombre, archivo: b.nombreArchivo, estado: b.estado.rawValue.capitalized,
                         fecha: b.createdAt.map { Fecha.desde($0, zona: Fecha.zonaColombia).texto } ?? "",
                         resumen: b.resumen ?? "\(b.registros) registro(s), \(b.errores) error(es)")
            }
        return try await req.pagina("importar/inicio", "Importar estructura y planta", Inicio(tipos: tipos, recientes: recientes, error: error), status: status)
    }

    @Sendable static func inicio(req: Request) async throws -> Response { try await pagina(req) }

    @Sendable static func cargar(req: Request) async throws -> Response {
        struct Form: Content { var tipo: String?; var archivo: File? }
        let actor = try req.actor()
        let f = try req.content.decode(Form.self)
        guard let tipo = f.tipo.flatMap(TipoImportacion.init(rawValue:)) else {
            return try await pagina(req, error: "Elija qué va a importar: dependencias, procesos o servidores.", status: .unprocessableEntity)
        }
        guard let archivo = f.archivo, archivo.data.readableBytes > 0 else {
            return try await pagina(req, error: "Elija un archivo .xlsx o .csv.", status: .unprocessableEntity)
        }
        do {
            let vista = try await ImportService.previsualizar(tipo: tipo, nombreArchivo: archivo.filename, data: Data(buffer: archivo.data), actor, on: req.db)
            return req.redirect(to: "/importar/\(vista.id)")
        } catch let e as PactaError {
            return try await pagina(req, error: e.campos["archivo"] ?? e.mensaje, status: e.status)
        }
    }

    @Sendable static func plantilla(req: Request) async throws -> Response {
        try req.actor().exigir(.importar)
        guard let tipo = req.parameters.get("tipo").flatMap(TipoImportacion.init(rawValue:)) else { throw PactaError.noEncontrado("La plantilla") }
        return try Exportar.respuesta(nombre: "plantilla-\(tipo.rawValue)", hoja: tipo.nombre, encabezados: tipo.columnas.map(\.titulo), filas: [], formato: "xlsx")
    }

    struct Revision: Encodable {
        let v: ImportService.Vista; let tipo: String; let pendiente: Bool; let hayErrores: Bool; let cantidadErrores: Int
    }

    @Sendable static func revisar(req: Request) async throws -> Response {
        let v = try await ImportService.revisar(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return try await req.pagina("importar/revision", "Revisión de la importación",
                                    Revision(v: v, tipo: v.tipo.nombre, pendiente: v.estado == "previsualizada", hayErrores: !v.errores.isEmpty, cantidadErrores: v.errores.count))
    }

    @Sendable static func aplicar(req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: UUID.self)
        let r = try await ImportService.aplicar(id, req.actor(), on: req.db)
        req.avisar("Importación aplicada: \(r.creados) creado(s), \(r.actualizados) actualizado(s), \(r.sinCambios) sin cambios.")
        return req.redirect(to: "/importar")
    }

    @Sendable static func descartar(req: Request) async throws -> Response {
        try await ImportService.descartar(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        req.avisar("Importación descartada; no se aplicó ningún cambio.")
        return req.redirect(to: "/importar")
    }
}
