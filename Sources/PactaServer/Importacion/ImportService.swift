import Fluent
import Foundation
import PactaCore
import Spreadsheet
import SQLKit
import Vapor

/// Import of structure and staff: parse any supported file, validate against the entity,
/// keep it for a preview, then apply all of it or nothing.
enum ImportService {
    static let tamanoMaximo = 10 * 1024 * 1024

    struct Vista: Content {
        let id: UUID
        let tipo: TipoImportacion
        let nombreArchivo: String
        let estado: String
        let registros: Int
        let errores: [ErrorDeImportacion]
        let muestra: [[String]]
        let encabezados: [String]
    }

    /// Rows of the file, whatever its format: .xlsx (zip signature) or CSV.
    static func leer(_ data: Data, nombre: String) throws -> [FilaDeArchivo] {
        guard !data.isEmpty else { throw PactaError.validacion(["archivo": "El archivo está vacío."]) }
        guard data.count <= tamanoMaximo else { throw PactaError.validacion(["archivo": "El archivo supera los 10 MB permitidos."]) }
        let esZip = data.prefix(2) == Data([0x50, 0x4B])
        let lower = nombre.lowercased()
        if lower.hasSuffix(".xls") && !esZip {
            throw PactaError.validacion(["archivo": "El formato .xls (Excel 97-2003) no es compatible: guarde el archivo como .xlsx o .csv."])
        }
        do {
            let tabla = esZip ? try XLSX.read(data) : try CSV.read(data)
            return tabla.rows.map { FilaDeArchivo(linea: $0.line, celdas: $0.cells) }
        } catch let e as SpreadsheetError {
            throw PactaError.validacion(["archivo": e.message])
        }
    }

    static func contexto(_ actor: Actor, on db: any Database) async throws -> ContextoImportacion {
        let deps = try await Dependencia.query(on: db).filter(\.$entidad.$id == actor.entidadID).all()
        let codigoDe = Dictionary(uniqueKeysWithValues: deps.map { ($0.id!, $0.codigo) })
        let servidores = try await Servidor.query(on: db).filter(\.$entidad.$id == actor.entidadID)
            .field(\.$id).field(\.$documento).field(\.$jefe.$id).all()
        let documentoDe = Dictionary(uniqueKeysWithValues: servidores.map { ($0.id!, $0.documento) })
        var ctx = ContextoImportacion(codigosDependencia: Set(deps.map(\.codigo)), documentosServidor: Set(servidores.map(\.documento)))
        for d in deps { if let p = d.$padre.id.flatMap({ codigoDe[$0] }) { ctx.padres[d.codigo] = p } }
        for s in servidores { if let j = s.$jefe.id.flatMap({ documentoDe[$0] }) { ctx.jefes[s.documento] = j } }
        for e in try await Empleo.query(on: db).filter(\.$entidad.$id == actor.entidadID).all() {
            ctx.empleos[ContextoImportacion.claveEmpleo(denominacion: e.denominacion, codigo: e.codigo, grado: e.grado)] = e.nivel
        }
        return ctx
    }

    static func previsualizar(tipo: TipoImportacion, nombreArchivo: String, data: Data, _ actor: Actor, on db: any Database) async throws -> Vista {
        try actor.exigir(.importar)
        let filas = try leer(data, nombre: nombreArchivo)
        let resultado = Importacion.validar(tipo, filas: filas, contexto: try await contexto(actor, on: db))
        let batch = ImportBatch()
        batch.tipo = tipo
        batch.nombreArchivo = String(nombreArchivo.prefix(200))
        batch.contenido = data
        batch.estado = .previsualizada
        batch.registros = resultado.registros.cantidad
        batch.errores = resultado.errores.count
        batch.$entidad.id = actor.entidadID
        batch.$usuario.id = actor.usuarioID
        try await batch.create(on: db)
        return vista(batch, filas: filas, resultado: resultado)
    }

    static func vista(_ b: ImportBatch, filas: [FilaDeArchivo], resultado: ResultadoImportacion) -> Vista {
        Vista(id: b.id!, tipo: b.tipo, nombreArchivo: b.nombreArchivo, estado: b.estado.rawValue, registros: resultado.registros.cantidad,
              errores: resultado.errores, muestra: filas.dropFirst().prefix(10).map(\.celdas), encabezados: filas.first?.celdas ?? [])
    }

    static func obtener(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> ImportBatch {
        try actor.exigir(.importar)
        guard let id, let b = try await ImportBatch.query(on: db).filter(\.$id == id).filter(\.$entidad.$id == actor.entidadID).first() else {
            throw PactaError.noEncontrado("La importación")
        }
        return b
    }

    static func revisar(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> Vista {
        let b = try await obtener(id, actor, on: db)
        let filas = try leer(b.contenido, nombre: b.nombreArchivo)
        return vista(b, filas: filas, resultado: Importacion.validar(b.tipo, filas: filas, contexto: try await contexto(actor, on: db)))
    }

    struct Resumen: Content {
        let creados: Int
        let actualizados: Int
        let sinCambios: Int
    }

    /// Applies a previewed file in one transaction, validating it again against the entity as it is now.
    static func aplicar(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> Resumen {
        try await db.escribir { db in
            try await bloquear(id, on: db)
            let b = try await obtener(id, actor, on: db)
            guard b.estado == .previsualizada else {
                throw PactaError.conflicto("Esta importación ya fue \(b.estado == .aplicada ? "aplicada" : "descartada"); cargue el archivo de nuevo si lo necesita.")
            }
            let filas = try leer(b.contenido, nombre: b.nombreArchivo)
            let resultado = Importacion.validar(b.tipo, filas: filas, contexto: try await contexto(actor, on: db))
            guard resultado.esValido else {
                throw PactaError(status: .unprocessableEntity,
                                 mensaje: "El archivo tiene \(resultado.errores.count) error(es); corríjalos y cárguelo de nuevo. No se aplicó ningún cambio.")
            }
            var r = Contador()
            switch resultado.registros {
            case .dependencias(let regs): try await aplicarDependencias(regs, actor, db, &r)
            case .procesos(let regs): try await aplicarProcesos(regs, actor, db, &r)
            case .servidores(let regs): try await aplicarServidores(regs, actor, db, &r)
            }
            b.estado = .aplicada
            b.resumen = "\(r.creados) creados, \(r.actualizados) actualizados, \(r.sinCambios) sin cambios"
            try await b.save(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "aplicar importación", tipo: "importacion", id: b.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: ["tipo": b.tipo.rawValue, "archivo": b.nombreArchivo, "resumen": b.resumen ?? ""])
            return Resumen(creados: r.creados, actualizados: r.actualizados, sinCambios: r.sinCambios)
        }
    }

    static func descartar(_ id: UUID?, _ actor: Actor, on db: any Database) async throws {
        try await db.escribir { db in
            try await bloquear(id, on: db)
            let b = try await obtener(id, actor, on: db)
            guard b.estado == .previsualizada else { throw PactaError.conflicto("Esta importación ya no está pendiente.") }
            b.estado = .descartada
            try await b.save(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "descartar importación", tipo: "importacion", id: b.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: ["tipo": b.tipo.rawValue, "archivo": b.nombreArchivo])
        }
    }

    /// On PostgreSQL, a second transaction on the same batch waits here until the first commits.
    static func bloquear(_ id: UUID?, on db: any Database) async throws {
        guard let id, let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT id FROM importaciones WHERE id = \(bind: id) FOR UPDATE").run()
    }

    struct Contador {
        var creados = 0, actualizados = 0, sinCambios = 0
        mutating func contar<T: Equatable>(antes: T?, despues: T) {
            if antes == nil { creados += 1 } else if antes != despues { actualizados += 1 } else { sinCambios += 1 }
        }
    }

    static func aplicarDependencias(_ regs: [DependenciaImportada], _ actor: Actor, _ db: any Database, _ r: inout Contador) async throws {
        var porCodigo = Dictionary(uniqueKeysWithValues: try await Dependencia.query(on: db).filter(\.$entidad.$id == actor.entidadID).all().map { ($0.codigo, $0) })
        var antesDe: [String: DependenciaDTO] = [:]
        // First every record, then the parents, so a child may come before its parent in the file.
        for d in regs {
            let existente = porCodigo[d.codigo]
            if let existente { antesDe[d.codigo] = DependenciaDTO(existente) }
            let m = existente ?? Dependencia(entidadID: actor.entidadID, codigo: d.codigo, nombre: d.nombre, tipo: d.tipo ?? .otra)
            m.nombre = d.nombre
            if let tipo = d.tipo { m.tipo = tipo }
            if existente == nil || DependenciaDTO(m) != antesDe[d.codigo] { try await m.save(on: db) }
            porCodigo[d.codigo] = m
        }
        for d in regs {
            guard let m = porCodigo[d.codigo] else { continue }
            if let codigoPadre = d.codigoPadre, let padre = porCodigo[codigoPadre]?.id, m.$padre.id != padre {
                m.$padre.id = padre
                try await m.save(on: db)
            }
            let despues = DependenciaDTO(m)
            r.contar(antes: antesDe[d.codigo], despues: despues)
            if antesDe[d.codigo] != despues {
                try await AuditLog.registrar(on: db, actor: actor, accion: antesDe[d.codigo] == nil ? "crear (importación)" : "modificar (importación)",
                                             tipo: "dependencia", id: m.id!.uuidString, antes: antesDe[d.codigo], despues: despues)
            }
        }
    }

    static func aplicarProcesos(_ regs: [ProcesoImportado], _ actor: Actor, _ db: any Database, _ r: inout Contador) async throws {
        let deps = Dictionary(uniqueKeysWithValues: try await Dependencia.query(on: db).filter(\.$entidad.$id == actor.entidadID).all().map { ($0.codigo, $0.id!) })
        let existentes = Dictionary(uniqueKeysWithValues: try await Proceso.query(on: db).filter(\.$entidad.$id == actor.entidadID).all().map { ($0.codigo, $0) })
        for p in regs {
            let existente = existentes[p.codigo]
            let antes = existente.map(ProcesoDTO.init)
            let m = existente ?? Proceso(entidadID: actor.entidadID, codigo: p.codigo, nombre: p.nombre, tipo: p.tipo ?? .apoyo)
            m.nombre = p.nombre
            if let tipo = p.tipo { m.tipo = tipo }
            if let lider = p.dependenciaLider.flatMap({ deps[$0] }) { m.$dependenciaLider.id = lider }
            if existente == nil || antes != ProcesoDTO(m) {
                try await m.save(on: db)
                try await AuditLog.registrar(on: db, actor: actor, accion: existente == nil ? "crear (importación)" : "modificar (importación)",
                                             tipo: "proceso", id: m.id!.uuidString, antes: antes, despues: ProcesoDTO(m))
            }
            r.contar(antes: antes, despues: ProcesoDTO(m))
        }
    }

    static func aplicarServidores(_ regs: [ServidorImportado], _ actor: Actor, _ db: any Database, _ r: inout Contador) async throws {
        let deps = Dictionary(uniqueKeysWithValues: try await Dependencia.query(on: db).filter(\.$entidad.$id == actor.entidadID).all().map { ($0.codigo, $0.id!) })
        var empleos: [String: UUID] = [:]
        for e in try await Empleo.query(on: db).filter(\.$entidad.$id == actor.entidadID).all() {
            empleos[ContextoImportacion.claveEmpleo(denominacion: e.denominacion, codigo: e.codigo, grado: e.grado)] = e.id!
        }
        var porDocumento = Dictionary(uniqueKeysWithValues: try await Servidor.query(on: db).filter(\.$entidad.$id == actor.entidadID).all().map { ($0.documento, $0) })
        var antesDe: [String: ServidorDTO] = [:]
        for s in regs {
            var empleoID: UUID?
            if let e = s.empleo {
                let clave = ContextoImportacion.claveEmpleo(denominacion: e.denominacion, codigo: e.codigo, grado: e.grado)
                if let id = empleos[clave] { empleoID = id } else {
                    let nuevo = Empleo(entidadID: actor.entidadID, denominacion: e.denominacion, codigo: e.codigo, grado: e.grado, nivel: e.nivel)
                    try await nuevo.create(on: db)
                    try await AuditLog.registrar(on: db, actor: actor, accion: "crear (importación)", tipo: "empleo",
                                                 id: nuevo.id!.uuidString, antes: Optional<Nada>.none, despues: EmpleoDTO(nuevo))
                    empleos[clave] = nuevo.id!
                    empleoID = nuevo.id!
                }
            }
            let existente = porDocumento[s.documento]
            if let existente { antesDe[s.documento] = ServidorDTO(existente) }
            // Blank cells keep what is stored.
            let m = existente ?? Servidor(entidadID: actor.entidadID, documento: s.documento, nombres: s.nombres, apellidos: s.apellidos,
                                          correo: s.correo, tipoVinculacion: s.tipoVinculacion, fechaPosesion: s.fechaPosesion,
                                          empleoID: empleoID, dependenciaID: deps[s.dependencia], jefeID: nil)
            m.tipoDocumento = s.tipoDocumento ?? m.tipoDocumento
            m.nombres = s.nombres
            m.apellidos = s.apellidos
            m.correo = s.correo ?? m.correo
            m.tipoVinculacion = s.tipoVinculacion
            m.fechaPosesion = s.fechaPosesion?.iso ?? m.fechaPosesion
            m.derechosDeCarrera = s.derechosDeCarrera ?? m.derechosDeCarrera
            m.$empleo.id = empleoID ?? m.$empleo.id
            m.$dependencia.id = deps[s.dependencia]
            m.actualizarBusqueda()
            if existente == nil || antesDe[s.documento] != ServidorDTO(m) { try await m.save(on: db) }
            porDocumento[s.documento] = m
        }
        // Jefes once every servant of the file exists.
        for s in regs {
            guard let m = porDocumento[s.documento] else { continue }
            if let jefe = s.jefeDocumento.flatMap({ porDocumento[$0]?.id }), m.$jefe.id != jefe {
                m.$jefe.id = jefe
                try await m.save(on: db)
            }
            let despues = ServidorDTO(m)
            let antes = antesDe[s.documento]
            r.contar(antes: antes, despues: despues)
            if antes != despues {
                try await AuditLog.registrar(on: db, actor: actor, accion: antes == nil ? "crear (importación)" : "modificar (importación)",
                                             tipo: "servidor", id: m.id!.uuidString, antes: antes, despues: despues)
            }
        }
    }
}
