import Fluent
import Foundation
import PactaCore
import Vapor

/// Dependencias, procesos and empleos of the actor's entity: queries and audited writes
/// shared by the pages and the API.
enum DependenciasService {
    /// The entity's dependencias; `buscar` matches código or nombre ignoring case and accents.
    static func listar(_ actor: Actor, on db: any Database, buscar: String? = nil, tipo: TipoDependencia? = nil) async throws -> [Dependencia] {
        try actor.exigir(.verEstructura)
        let q = Dependencia.query(on: db).filter(\.$entidad.$id == actor.entidadID)
        if let tipo { q.filter(\.$tipo == tipo) }
        return try await q.sort(\.$codigo).all().filter { Busqueda.coincide(buscar, $0.codigo, $0.nombre) }
    }

    static func obtener(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> Dependencia {
        try actor.exigir(.verEstructura)
        guard let id, let d = try await Dependencia.query(on: db).filter(\.$id == id).filter(\.$entidad.$id == actor.entidadID).first() else {
            throw PactaError.noEncontrado("La dependencia")
        }
        return d
    }

    static func guardar(_ input: DependenciaInput, id: UUID?, _ actor: Actor, on db: any Database) async throws -> Dependencia {
        try actor.exigir(.gestionarEstructura)
        var c = Campos()
        let codigo = c.texto("codigo", input.codigo, etiqueta: "El código", max: LongitudMaxima.codigoDependencia)
        let nombre = c.texto("nombre", input.nombre, etiqueta: "El nombre", max: LongitudMaxima.nombreDependencia)
        let tipo: TipoDependencia? = c.catalogo("tipo", input.tipo, etiqueta: "El tipo", nombre: { $0.nombre })
        let padreID = c.uuid("padreId", input.padreId, etiqueta: "Dependencia superior")
        let activa = c.booleano(input.activa, defecto: true)
        try c.lanzarSiHayErrores()
        return try await db.escribir { db in
            let existente: Dependencia? = if let id { try await obtener(id, actor, on: db) } else { nil }
            if let padreID {
                guard (try? await obtener(padreID, actor, on: db)) != nil else {
                    throw PactaError.validacion(["padreId": "La dependencia superior no existe en la entidad."])
                }
                if let id, try await esDescendiente(padreID, de: id, entidad: actor.entidadID, on: db) {
                    throw PactaError.validacion(["padreId": "La dependencia superior no puede ser ella misma ni una de sus subordinadas."])
                }
            }
            if try await Dependencia.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$codigo == codigo)
                .filter(\.$id != (id ?? UUID())).count() > 0 {
                throw PactaError.validacion(["codigo": "Ya existe una dependencia con el código \(codigo)."])
            }
            let antes = existente.map(DependenciaDTO.init)
            let d = existente ?? Dependencia(entidadID: actor.entidadID, codigo: codigo, nombre: nombre, tipo: tipo!)
            d.codigo = codigo
            d.nombre = nombre
            d.tipo = tipo!
            d.$padre.id = padreID
            d.activa = activa
            try await d.save(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: existente == nil ? "crear" : "modificar", tipo: "dependencia",
                                         id: d.id!.uuidString, antes: antes, despues: DependenciaDTO(d))
            return d
        }
    }

    /// Whether `candidata` is `raiz` or lies below it: `raiz` is on the route from the top to `candidata`.
    static func esDescendiente(_ candidata: UUID, de raiz: UUID, entidad: UUID, on db: any Database) async throws -> Bool {
        let todas = try await Dependencia.query(on: db).filter(\.$entidad.$id == entidad).all()
        let padres = Dictionary(uniqueKeysWithValues: todas.compactMap { d in d.$padre.id.map { (d.id!, $0) } })
        return Arbol.ruta(hasta: candidata, padres: padres).contains(raiz)
    }
}

enum ProcesosService {
    static func listar(_ actor: Actor, on db: any Database, buscar: String? = nil, tipo: TipoProceso? = nil) async throws -> [Proceso] {
        try actor.exigir(.verEstructura)
        let q = Proceso.query(on: db).filter(\.$entidad.$id == actor.entidadID)
        if let tipo { q.filter(\.$tipo == tipo) }
        return try await q.sort(\.$codigo).all().filter { Busqueda.coincide(buscar, $0.codigo, $0.nombre) }
    }

    static func obtener(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> Proceso {
        try actor.exigir(.verEstructura)
        guard let id, let p = try await Proceso.query(on: db).filter(\.$id == id).filter(\.$entidad.$id == actor.entidadID).first() else {
            throw PactaError.noEncontrado("El proceso")
        }
        return p
    }

    static func guardar(_ input: ProcesoInput, id: UUID?, _ actor: Actor, on db: any Database) async throws -> Proceso {
        try actor.exigir(.gestionarEstructura)
        var c = Campos()
        let codigo = c.texto("codigo", input.codigo, etiqueta: "El código", max: LongitudMaxima.codigoProceso)
        let nombre = c.texto("nombre", input.nombre, etiqueta: "El nombre", max: LongitudMaxima.nombreProceso)
        let tipo: TipoProceso? = c.catalogo("tipo", input.tipo, etiqueta: "El tipo", nombre: { $0.nombre })
        let liderID = c.uuid("dependenciaLiderId", input.dependenciaLiderId, etiqueta: "Dependencia líder")
        try c.lanzarSiHayErrores()
        return try await db.escribir { db in
            let existente: Proceso? = if let id { try await obtener(id, actor, on: db) } else { nil }
            if let liderID, (try? await DependenciasService.obtener(liderID, actor, on: db)) == nil {
                throw PactaError.validacion(["dependenciaLiderId": "La dependencia líder no existe en la entidad."])
            }
            if try await Proceso.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$codigo == codigo)
                .filter(\.$id != (id ?? UUID())).count() > 0 {
                throw PactaError.validacion(["codigo": "Ya existe un proceso con el código \(codigo)."])
            }
            let antes = existente.map(ProcesoDTO.init)
            let p = existente ?? Proceso(entidadID: actor.entidadID, codigo: codigo, nombre: nombre, tipo: tipo!)
            p.codigo = codigo
            p.nombre = nombre
            p.tipo = tipo!
            p.$dependenciaLider.id = liderID
            try await p.save(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: existente == nil ? "crear" : "modificar", tipo: "proceso",
                                         id: p.id!.uuidString, antes: antes, despues: ProcesoDTO(p))
            return p
        }
    }
}

enum EmpleosService {
    static func listar(_ actor: Actor, on db: any Database, buscar: String? = nil, nivel: NivelJerarquico? = nil) async throws -> [Empleo] {
        try actor.exigir(.verEstructura)
        let q = Empleo.query(on: db).filter(\.$entidad.$id == actor.entidadID)
        if let nivel { q.filter(\.$nivel == nivel) }
        return try await q.sort(\.$denominacion).sort(\.$codigo).sort(\.$grado).all()
            .filter { Busqueda.coincide(buscar, $0.denominacion, $0.codigo, $0.grado) }
    }

    static func obtener(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> Empleo {
        try actor.exigir(.verEstructura)
        guard let id, let e = try await Empleo.query(on: db).filter(\.$id == id).filter(\.$entidad.$id == actor.entidadID).first() else {
            throw PactaError.noEncontrado("El empleo")
        }
        return e
    }

    static func guardar(_ input: EmpleoInput, id: UUID?, _ actor: Actor, on db: any Database) async throws -> Empleo {
        try actor.exigir(.gestionarEstructura)
        var c = Campos()
        let denominacion = c.texto("denominacion", input.denominacion, etiqueta: "La denominación", max: LongitudMaxima.denominacionEmpleo)
        let codigo = c.texto("codigo", input.codigo, etiqueta: "El código", max: LongitudMaxima.codigoEmpleo)
        let grado = c.texto("grado", input.grado, etiqueta: "El grado", max: LongitudMaxima.gradoEmpleo)
        let nivel: NivelJerarquico? = c.catalogo("nivel", input.nivel, etiqueta: "El nivel jerárquico", nombre: { $0.nombre })
        try c.lanzarSiHayErrores()
        return try await db.escribir { db in
            let existente: Empleo? = if let id { try await obtener(id, actor, on: db) } else { nil }
            if try await Empleo.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$denominacion == denominacion)
                .filter(\.$codigo == codigo).filter(\.$grado == grado).filter(\.$id != (id ?? UUID())).count() > 0 {
                throw PactaError.validacion(["codigo": "Ya existe el empleo \(denominacion) \(codigo)-\(grado)."])
            }
            let antes = existente.map(EmpleoDTO.init)
            let e = existente ?? Empleo(entidadID: actor.entidadID, denominacion: denominacion, codigo: codigo, grado: grado, nivel: nivel!)
            e.denominacion = denominacion
            e.codigo = codigo
            e.grado = grado
            e.nivel = nivel!
            try await e.save(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: existente == nil ? "crear" : "modificar", tipo: "empleo",
                                         id: e.id!.uuidString, antes: antes, despues: EmpleoDTO(e))
            return e
        }
    }
}
