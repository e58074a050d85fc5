import Fluent
import Foundation
import PactaCore
import Vapor

/// The filters a servants list accepts, from the query string of a page or the API.
struct FiltroServidores: Content {
    var buscar: String?
    var dependenciaId: String?
    var vinculacion: String?
    var nivel: String?
    var estado: String?   // "activos" (default), "retirados", "todos"
    var incompletos: String?   // "sin_jefe", "sin_empleo"
    var pagina: Int?
    var porPagina: Int?

    enum Estado: String, CaseIterable { case activos, retirados, todos }
    enum Incompletos: String, CaseIterable { case sin_jefe, sin_empleo }

    /// Unknown filter values are refused rather than silently ignored.
    func validar() throws {
        var errores: [String: String] = [:]
        func revisar<T: RawRepresentable & CaseIterable>(_ campo: String, _ valor: String?, _: T.Type) where T.RawValue == String {
            do { let _: T? = try Campos.filtro(campo, valor) } catch { errores.merge((error as? PactaError)?.campos ?? [:]) { a, _ in a } }
        }
        revisar("vinculacion", vinculacion, TipoVinculacion.self)
        revisar("nivel", nivel, NivelJerarquico.self)
        revisar("estado", estado, Estado.self)
        revisar("incompletos", incompletos, Incompletos.self)
        if let d = Campos.limpio(dependenciaId), UUID(uuidString: d) == nil { errores["dependenciaId"] = "«\(d)» no es un identificador de dependencia válido." }
        if let p = pagina, p < 1 { errores["pagina"] = "La página debe ser 1 o mayor." }
        if let p = porPagina, !(1...200).contains(p) { errores["porPagina"] = "Se pueden pedir entre 1 y 200 servidores por página." }
        if !errores.isEmpty { throw PactaError.validacion(errores) }
    }
}

enum ServidoresService {
    static func query(_ actor: Actor, _ f: FiltroServidores, on db: any Database) -> QueryBuilder<Servidor> {
        let q = actor.filtrar(Servidor.query(on: db))
        if let b = Campos.limpio(f.buscar) {
            for palabra in Texto.normalizar(b).split(separator: " ") {
                q.filter(\.$busqueda ~~ String(palabra))
            }
        }
        if let d = Campos.limpio(f.dependenciaId).flatMap(UUID.init(uuidString:)) { q.filter(\.$dependencia.$id == d) }
        if let v = Campos.limpio(f.vinculacion).flatMap(TipoVinculacion.init(rawValue:)) { q.filter(\.$tipoVinculacion == v) }
        if let n = Campos.limpio(f.nivel).flatMap(NivelJerarquico.init(rawValue:)) {
            q.join(Empleo.self, on: \Servidor.$empleo.$id == \Empleo.$id).filter(Empleo.self, \.$nivel == n)
        }
        switch f.incompletos {
        case "sin_jefe": q.filter(\.$jefe.$id == nil)
        case "sin_empleo": q.filter(\.$empleo.$id == nil)
        default: break
        }
        switch f.estado {
        case "retirados": q.filter(\.$activo == false)
        case "todos": break
        default: q.filter(\.$activo == true)
        }
        return q.sort(\.$apellidos).sort(\.$nombres).sort(\.$documento)
    }

    static func listar(_ actor: Actor, _ f: FiltroServidores, on db: any Database) async throws -> (items: [Servidor], total: Int, pagina: Int, porPagina: Int) {
        try f.validar()
        let porPagina = f.porPagina ?? 25
        let total = try await query(actor, f, on: db).count()
        let paginas = max(1, (total + porPagina - 1) / porPagina)
        let pagina = min(max(f.pagina ?? 1, 1), paginas)
        let items = try await query(actor, f, on: db).with(\.$empleo).with(\.$dependencia).with(\.$jefe)
            .range((pagina - 1) * porPagina ..< pagina * porPagina).all()
        return (items, total, pagina, porPagina)
    }

    /// Every servant matching the filter, for exports.
    static func todos(_ actor: Actor, _ f: FiltroServidores, on db: any Database) async throws -> [Servidor] {
        try f.validar()
        return try await query(actor, f, on: db).with(\.$empleo).with(\.$dependencia).with(\.$jefe).all()
    }

    /// A servant of the actor's entity named in a form by id or by documento (the pages ask for the
    /// documento where a list would be too long). Errors go to the field `campo`, in Spanish.
    static func porIdODocumento(id: String?, documento: String?, campo: String, etiqueta: String, faltante: String,
                                _ actor: Actor, on db: any Database) async throws -> UUID {
        var c = Campos()
        let sid = c.uuid(campo, id, etiqueta: etiqueta)
        let doc = c.opcional("documento", documento, etiqueta: "El documento", max: 30)
        if Campos.limpio(id) == nil && doc == nil { c.falla(campo, faltante) }
        try c.lanzarSiHayErrores()
        if let sid { return sid }
        guard let s = try await Servidor.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$documento == doc!).first() else {
            throw PactaError.validacion([campo: "No hay un servidor con el documento \(doc!) en la entidad."])
        }
        return s.id!
    }

    static func obtener(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> Servidor {
        guard let id, let s = try await Servidor.query(on: db).filter(\.$id == id)
            .with(\.$empleo).with(\.$dependencia).with(\.$jefe).first(), actor.puedeVer(s) else {
            throw PactaError.noEncontrado("El servidor")
        }
        return s
    }

    static func guardar(_ input: ServidorInput, id: UUID?, _ actor: Actor, on db: any Database) async throws -> Servidor {
        try actor.exigir(.gestionarServidores)
        var c = Campos()
        let documento = Importacion.documentoLimpio(c.texto("documento", input.documento, etiqueta: "El documento", max: LongitudMaxima.documento))
        if !documento.isEmpty && !documento.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            c.falla("documento", "El documento solo puede tener letras, números y guiones.")
        }
        let tipoDocumento: TipoDocumento? = c.catalogo("tipoDocumento", input.tipoDocumento, etiqueta: "El tipo de documento",
                                                       nombre: { $0.nombre }, obligatorio: false)
        let nombres = c.texto("nombres", input.nombres, etiqueta: "El nombre", max: LongitudMaxima.nombres)
        let apellidos = c.texto("apellidos", input.apellidos, etiqueta: "El apellido", max: LongitudMaxima.apellidos)
        let correo = c.opcional("correo", input.correo, etiqueta: "El correo", max: LongitudMaxima.correo)?.lowercased()
        if let correo, !Texto.esCorreoValido(correo) { c.falla("correo", "«\(correo)» no es un correo electrónico válido.") }
        let vinculacion: TipoVinculacion? = c.catalogo("tipoVinculacion", input.tipoVinculacion, etiqueta: "El tipo de vinculación", nombre: { $0.nombre })
        let posesion = c.fecha("fechaPosesion", input.fechaPosesion, etiqueta: "La fecha de posesión", obligatorio: false)
        let empleoID = c.uuid("empleoId", input.empleoId, etiqueta: "Empleo")
        let dependenciaID = c.uuid("dependenciaId", input.dependenciaId, etiqueta: "Dependencia")
        if Campos.limpio(input.dependenciaId) == nil { c.falla("dependenciaId", "La dependencia es obligatoria.") }
        let jefeID = c.uuid("jefeId", input.jefeId, etiqueta: "Jefe inmediato")
        if let id, jefeID == id { c.falla("jefeId", "Un servidor no puede ser su propio jefe inmediato.") }
        let activo: Bool? = Campos.limpio(input.activo) != nil ? c.booleano(input.activo, defecto: true) : nil
        let derechos: Bool? = Campos.limpio(input.derechosDeCarrera) != nil ? c.booleano(input.derechosDeCarrera, defecto: false) : nil
        try c.lanzarSiHayErrores()

        return try await db.escribir { db in
            let existente: Servidor? = if let id { try await obtener(id, actor, on: db) } else { nil }
            var errores: [String: String] = [:]
            var empleo: Empleo?
            if let empleoID { empleo = try? await EmpleosService.obtener(empleoID, actor, on: db); if empleo == nil { errores["empleoId"] = "El empleo no existe en la entidad." } }
            if let dependenciaID, (try? await DependenciasService.obtener(dependenciaID, actor, on: db)) == nil { errores["dependenciaId"] = "La dependencia no existe en la entidad." }
            if let jefeID {
                if let jefe = try await Servidor.query(on: db).filter(\.$id == jefeID).filter(\.$entidad.$id == actor.entidadID).first() {
                    if let id, try await esSubordinado(jefe.id!, de: id, on: db) {
                        errores["jefeId"] = "El jefe elegido depende de este servidor: la cadena de mando quedaría en círculo."
                    }
                } else { errores["jefeId"] = "El jefe inmediato no existe en la entidad." }
            }
            if vinculacion == .gerentePublico, let empleo, empleo.nivel != .directivo {
                errores["empleoId"] = "Un gerente público ocupa un empleo del nivel directivo."
            }
            if try await Servidor.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$documento == documento)
                .filter(\.$id != (id ?? UUID())).count() > 0 {
                errores["documento"] = "Ya existe un servidor con el documento \(documento)."
            }
            if !errores.isEmpty { throw PactaError.validacion(errores) }

            let antes = existente.map(ServidorDTO.init)
            let s = existente ?? Servidor(entidadID: actor.entidadID, documento: documento, nombres: nombres, apellidos: apellidos,
                                          correo: correo, tipoVinculacion: vinculacion!, fechaPosesion: posesion,
                                          empleoID: empleoID, dependenciaID: dependenciaID, jefeID: jefeID)
            s.documento = documento
            s.tipoDocumento = tipoDocumento ?? existente?.tipoDocumento ?? .cc
            s.nombres = nombres
            s.apellidos = apellidos
            s.correo = correo
            s.tipoVinculacion = vinculacion!
            s.fechaPosesion = posesion?.iso
            s.$empleo.id = empleoID
            s.$dependencia.id = dependenciaID
            s.$jefe.id = jefeID
            if existente != nil, let activo { s.activo = activo }
            if let derechos { s.derechosDeCarrera = derechos }
            s.actualizarBusqueda()
            try await s.save(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: existente == nil ? "crear" : "modificar", tipo: "servidor",
                                         id: s.id!.uuidString, antes: antes, despues: ServidorDTO(s))
            return s
        }
    }

    /// Whether `candidato` reports, directly or not, to `jefe`.
    static func esSubordinado(_ candidato: UUID, de jefe: UUID, on db: any Database) async throws -> Bool {
        var actual: UUID? = candidato
        var vistos: Set<UUID> = []
        while let a = actual, !vistos.contains(a) {
            if a == jefe { return true }
            vistos.insert(a)
            actual = try await Servidor.query(on: db).filter(\.$id == a).field(\.$jefe.$id).first()?.$jefe.id
        }
        return false
    }

    /// The people whose jefe inmediato is this servant.
    static func equipo(de servidorID: UUID, _ actor: Actor, on db: any Database) async throws -> [Servidor] {
        try await actor.filtrar(Servidor.query(on: db)).filter(\.$jefe.$id == servidorID).filter(\.$activo == true)
            .with(\.$empleo).sort(\.$apellidos).all()
    }
}

enum SituacionesService {
    static func listar(servidor: Servidor, on db: any Database) async throws -> [SituacionAdministrativa] {
        try await SituacionAdministrativa.query(on: db).filter(\.$servidor.$id == servidor.id!)
            .with(\.$dependenciaNueva).with(\.$dependenciaAnterior).with(\.$jefeNuevo).with(\.$jefeAnterior)
            .sort(\.$fechaInicio, .descending).all()
    }

    /// Records a situación and applies its effect on the structure (traslado → dependencia,
    /// cambio de jefe → jefe, retiro → inactive), in one transaction with its audit entry.
    static func registrar(_ input: SituacionInput, servidorID: UUID?, _ actor: Actor, on db: any Database) async throws -> SituacionAdministrativa {
        try actor.exigir(.registrarSituaciones)
        var c = Campos()
        let tipo: TipoSituacion? = c.catalogo("tipo", input.tipo, etiqueta: "El tipo de situación", nombre: { $0.nombre })
        let inicio = c.fecha("fechaInicio", input.fechaInicio, etiqueta: "La fecha de inicio", obligatorio: true)
        let fin = c.fecha("fechaFin", input.fechaFin, etiqueta: "La fecha final", obligatorio: false)
        let dependenciaID = c.uuid("dependenciaId", input.dependenciaId, etiqueta: "Dependencia de destino")
        let jefeID = c.uuid("jefeId", input.jefeId, etiqueta: "Nuevo jefe")
        let observacion = c.opcional("observacion", input.observacion, etiqueta: "La observación", max: 1000) ?? ""
        try c.lanzarSiHayErrores()
        return try await db.escribir { db in
            let s = try await ServidoresService.obtener(servidorID, actor, on: db)
            guard s.activo else { throw PactaError.conflicto("\(s.nombreCompleto) está retirado(a): no se le pueden registrar situaciones.") }
            let nueva = NuevaSituacion(tipo: tipo!, fechaInicio: inicio!, fechaFin: fin, nuevaDependencia: dependenciaID != nil,
                                       nuevoJefe: jefeID != nil, mismoJefeQueServidor: jefeID == s.id)
            var errores = nueva.validar(posesion: s.posesion)
            if let dependenciaID, (try? await DependenciasService.obtener(dependenciaID, actor, on: db)) == nil {
                errores["dependenciaId"] = "La dependencia no existe en la entidad."
            }
            if let jefeID, errores["jefeId"] == nil {
                if try await Servidor.query(on: db).filter(\.$id == jefeID).filter(\.$entidad.$id == actor.entidadID).count() == 0 {
                    errores["jefeId"] = "El jefe inmediato no existe en la entidad."
                } else if try await ServidoresService.esSubordinado(jefeID, de: s.id!, on: db) {
                    errores["jefeId"] = "El nuevo jefe depende de este servidor: la cadena de mando quedaría en círculo."
                }
            }
            if !errores.isEmpty { throw PactaError.validacion(errores) }
            let antesServidor = ServidorDTO(s)
            let r = SituacionAdministrativa()
            r.$entidad.id = actor.entidadID
            r.$servidor.id = s.id!
            r.tipo = tipo!
            r.fechaInicio = inicio!.iso
            r.fechaFin = fin?.iso
            r.observacion = observacion
            r.registradaPorID = actor.usuarioID
            r.$dependenciaAnterior.id = s.$dependencia.id
            r.$jefeAnterior.id = s.$jefe.id
            switch tipo! {
            case .traslado:
                r.$dependenciaNueva.id = dependenciaID
                s.$dependencia.id = dependenciaID
                if let jefeID { r.$jefeNuevo.id = jefeID; s.$jefe.id = jefeID }
            case .cambioDeJefe:
                r.$jefeNuevo.id = jefeID
                s.$jefe.id = jefeID
            case .retiro:
                s.activo = false
            default:
                break
            }
            try await r.create(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "registrar", tipo: "situacion_administrativa",
                                         id: r.id!.uuidString, antes: Optional<Nada>.none, despues: SituacionDTO(r))
            if s.hasChanges {
                try await s.save(on: db)
                try await AuditLog.registrar(on: db, actor: actor, accion: "modificar por \(tipo!.nombre.lowercased())", tipo: "servidor",
                                             id: s.id!.uuidString, antes: antesServidor, despues: ServidorDTO(s))
            }
            // The capabilities that react (the EDL: the parciales this situation triggers, and the new
            // evaluador or dependencia), in this same transaction.
            try await db.situaciones.publicar(r, servidor: s, on: db)
            return r
        }
    }
}
