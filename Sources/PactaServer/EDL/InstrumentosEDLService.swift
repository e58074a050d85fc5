import Fluent
import Foundation
import PactaCore
import SQLKit
import Vapor

/// EDL instruments of the entity: copied from a preset, then edited by Talento Humano.
enum InstrumentosEDLService {
    static func listar(_ actor: Actor, on db: any Database) async throws -> [InstrumentoEDL] {
        guard actor.puede(.gestionarEvaluaciones) || actor.puede(.verEvaluaciones) else { throw PactaError.prohibido() }
        return try await InstrumentoEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID).sort(\.$nombre).all()
    }

    static func obtener(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> InstrumentoEDL {
        guard actor.puede(.gestionarEvaluaciones) || actor.puede(.verEvaluaciones) else { throw PactaError.prohibido() }
        guard let id, let i = try await InstrumentoEDL.query(on: db).filter(\.$id == id)
            .filter(\.$entidad.$id == actor.entidadID).first() else { throw PactaError.noEncontrado("El instrumento") }
        return i
    }

    struct CrearInput: Content {
        var preset: String?
        var nombre: String?
    }

    /// A new instrument, copy of a preset (or of the preset's definition renamed).
    static func crear(_ input: CrearInput, _ actor: Actor, on db: any Database) async throws -> InstrumentoEDL {
        try actor.exigir(.gestionarEvaluaciones)
        var c = Campos()
        let preset: PresetEDL? = c.catalogo("preset", input.preset, etiqueta: "El modelo de instrumento",
                                            nombre: { $0.definicion.nombre })
        let nombre = c.opcional("nombre", input.nombre, etiqueta: "El nombre", max: 150)
        try c.lanzarSiHayErrores()
        var definicion = preset!.definicion
        if let nombre { definicion.nombre = nombre }
        let d = definicion
        return try await db.escribir { db in
            if try await InstrumentoEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$nombre == d.nombre).count() > 0 {
                throw PactaError.validacion(["nombre": "Ya existe un instrumento llamado «\(d.nombre)». Escriba otro nombre."])
            }
            let i = InstrumentoEDL()
            i.$entidad.id = actor.entidadID
            i.origen = preset!.rawValue
            i.activo = true
            try i.asignar(d)
            try await i.create(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "crear", tipo: "instrumento_edl", id: i.id!.uuidString,
                                         antes: Optional<Nada>.none, despues: d)
            return i
        }
    }

    /// Replaces the definition after validating it; periods already opened keep their own copy.
    /// Applies the fields sent (the edit form's, or a PUT's) to the instrument as stored now, in one
    /// transaction with the row locked on PostgreSQL, so two simultaneous edits never undo each other.
    static func editar(_ id: UUID?, _ e: EdicionInput, _ actor: Actor, on db: any Database) async throws -> InstrumentoEDL {
        try actor.exigir(.gestionarEvaluaciones)
        let activo = Campos.limpio(e.activo).map { ["true", "1", "si", "sí", "on", "yes"].contains($0.lowercased()) }
        return try await db.escribir { db in
            if let id, let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT id FROM instrumentos_edl WHERE id = \(bind: id) FOR UPDATE").run()
            }
            let i = try await obtener(id, actor, on: db)
            let antes = try i.definicion
            let d = try aplicar(e, a: antes)
            let errores = d.validar()
            if !errores.isEmpty { throw PactaError.validacion(errores) }
            if d.nombre != i.nombre,
               try await InstrumentoEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$nombre == d.nombre).count() > 0 {
                throw PactaError.validacion(["nombre": "Ya existe un instrumento llamado «\(d.nombre)»."])
            }
            try i.asignar(d)
            if let activo { i.activo = activo }
            try await i.save(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "modificar", tipo: "instrumento_edl", id: i.id!.uuidString,
                                         antes: antes, despues: d)
            return i
        }
    }

    /// The editable fields of a definition as form strings (the web form and a partial API update).
    struct EdicionInput: Content {
        var nombre: String?
        var descripcion: String?
        var vinculaciones: [String]?
        var funcionalesMin: String?
        var funcionalesMax: String?
        var pruebaMin: String?
        var pruebaMax: String?
        var comportamentalesMin: String?
        var comportamentalesMax: String?
        var pesoFuncional: String?
        var puntosMin: String?
        var puntosMax: String?
        var minimoSatisfactorio: String?
        var concertacionDias: String?
        var calificacionDias: String?
        var notificacionDias: String?
        var recursosDias: String?
        var resolucionDias: String?
        var parcialDias: String?
        var comision: String?
        /// "codigo=nombre=desde=si|no" lines are awkward in forms: one field per level instead.
        var nivelNombre: [String]?
        var nivelDesde: [String]?
        var nivelSatisfactorio: [String]?
        var formatos: [String: String]?
        var activo: String?
    }

    /// Applies the edition to `base`; every bad field gets its own message.
    static func aplicar(_ e: EdicionInput, a base: DefinicionEDL) throws -> DefinicionEDL {
        var d = base
        var c = Campos()
        func entero(_ campo: String, _ v: String?, _ etiqueta: String, _ rango: ClosedRange<Int>) -> Int? {
            guard let t = Campos.limpio(v) else { return nil }
            guard let n = Int(t), rango.contains(n) else {
                c.falla(campo, "\(etiqueta) debe ser un número entero entre \(rango.lowerBound) y \(rango.upperBound).")
                return nil
            }
            return n
        }
        if let n = c.opcional("nombre", e.nombre, etiqueta: "El nombre", max: 150) { d.nombre = n }
        if let n = c.opcional("descripcion", e.descripcion, etiqueta: "La descripción", max: 1000) { d.descripcion = n }
        if let vs = e.vinculaciones {
            var lista: [TipoVinculacion] = []
            for v in vs where Campos.limpio(v) != nil {
                if let t = TipoVinculacion(rawValue: v) { lista.append(t) } else { c.falla("vinculaciones", "«\(v)» no es un tipo de vinculación.") }
            }
            d.vinculaciones = lista
        }
        if let a = entero("funcionalesMin", e.funcionalesMin, "El mínimo de compromisos", 1...20) { d.funcionales.minimo = a }
        if let a = entero("funcionalesMax", e.funcionalesMax, "El máximo de compromisos", 1...20) { d.funcionales.maximo = a }
        if let a = entero("pruebaMin", e.pruebaMin, "El mínimo en período de prueba", 1...20) { d.funcionalesEnPrueba.minimo = a }
        if let a = entero("pruebaMax", e.pruebaMax, "El máximo en período de prueba", 1...20) { d.funcionalesEnPrueba.maximo = a }
        if let a = entero("comportamentalesMin", e.comportamentalesMin, "El mínimo de comportamentales", 0...20) { d.comportamentales.minimo = a }
        if let a = entero("comportamentalesMax", e.comportamentalesMax, "El máximo de comportamentales", 0...20) { d.comportamentales.maximo = a }
        if let a = entero("pesoFuncional", e.pesoFuncional, "El peso funcional", 0...100) {
            d.pesoFuncional = a
            d.pesoComportamental = 100 - a
        }
        if let a = entero("puntosMin", e.puntosMin, "El mínimo de puntos comportamentales", 0...100) { d.puntosComportamentales.minimo = a }
        if let a = entero("puntosMax", e.puntosMax, "El máximo de puntos comportamentales", 0...100) { d.puntosComportamentales.maximo = a }
        if let t = Campos.limpio(e.minimoSatisfactorio) {
            if let p = Puntaje(texto: t), p <= .cien { d.puntajeMinimoSatisfactorio = p } else {
                c.falla("minimoSatisfactorio", "El mínimo satisfactorio debe ser un puntaje entre 0 y 100 (por ejemplo 66 o 65,01).")
            }
        }
        if let a = entero("concertacionDias", e.concertacionDias, "El plazo de concertación", 1...90) { d.plazos.concertacion = .diasHabiles(a) }
        if let a = entero("calificacionDias", e.calificacionDias, "El plazo de calificación", 1...90) { d.plazos.calificacion = .diasHabiles(a) }
        if let a = entero("notificacionDias", e.notificacionDias, "El plazo de notificación", 1...30) { d.plazos.notificacion = .diasHabiles(a) }
        if let a = entero("recursosDias", e.recursosDias, "El plazo de recursos", 1...30) { d.plazos.recursos = .diasHabiles(a) }
        if let a = entero("resolucionDias", e.resolucionDias, "El plazo para resolver recursos", 1...90) { d.plazos.resolucionRecurso = .diasHabiles(a) }
        if let a = entero("parcialDias", e.parcialDias, "El plazo de la evaluación parcial", 1...30) { d.plazos.parcial = .diasHabiles(a) }
        if let t = Campos.limpio(e.comision) {
            let con = ["true", "1", "si", "sí", "on"].contains(t.lowercased())
            d.firmantes = [.evaluador, .evaluado] + (con ? [.comision] : [])
        }
        if let nombres = e.nivelNombre {
            let desdes = e.nivelDesde ?? []
            let satis = Set(e.nivelSatisfactorio ?? [])
            var niveles: [NivelEscala] = []
            for (i, n) in nombres.enumerated() {
                guard let nombre = Campos.limpio(n) else { continue }
                let desdeTexto = i < desdes.count ? desdes[i] : ""
                guard let desde = Puntaje(texto: desdeTexto) else {
                    c.falla("escala", "El nivel «\(nombre)» necesita el puntaje desde el que empieza (por ejemplo 65,01).")
                    continue
                }
                niveles.append(NivelEscala(codigo: Texto.normalizar(nombre).replacingOccurrences(of: " ", with: "_"),
                                           nombre: nombre, desde: desde, satisfactorio: satis.contains(String(i))))
            }
            d.escala = Escala(niveles: niveles)
        }
        if let f = e.formatos {
            for (k, v) in f where FormatoEDL(rawValue: k) != nil {
                d.formatos[k] = String(v.trimmingCharacters(in: .whitespaces).prefix(30))
            }
        }
        try c.lanzarSiHayErrores()
        return d
    }
}
