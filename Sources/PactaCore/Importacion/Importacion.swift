/// Pure validation of the structure and staff files that HR offices import.
/// A file becomes rows of cell texts (any format); these functions map headers to
/// columns, check each row, and say what is wrong with its line, column and reason in Spanish.

public enum TipoImportacion: String, Codable, CaseIterable, Sendable {
    case dependencias, procesos, servidores

    public var nombre: String {
        switch self {
        case .dependencias: "Dependencias"
        case .procesos: "Procesos"
        case .servidores: "Servidores"
        }
    }

    public var columnas: [ColumnaImportacion] {
        switch self {
        case .dependencias:
            [
                .init("codigo", "Código", obligatoria: true, alias: ["codigo dependencia", "cod dependencia"]),
                .init("nombre", "Nombre", obligatoria: true, alias: ["dependencia", "nombre dependencia"]),
                .init("tipo", "Tipo", alias: ["tipo dependencia"]),
                .init("codigo_padre", "Código dependencia superior", alias: ["padre", "codigo padre", "dependencia superior", "depende de"]),
            ]
        case .procesos:
            [
                .init("codigo", "Código", obligatoria: true, alias: ["codigo proceso", "sigla"]),
                .init("nombre", "Nombre", obligatoria: true, alias: ["proceso", "nombre proceso"]),
                .init("tipo", "Tipo", alias: ["tipo proceso", "clase"]),
                .init("dependencia_lider", "Código dependencia líder", alias: ["dependencia lider", "lider", "responsable"]),
            ]
        case .servidores:
            [
                .init("documento", "Documento", obligatoria: true,
                      alias: ["numero de documento", "numero documento", "no documento", "cedula", "identificacion", "documento de identidad", "nro documento"]),
                .init("tipo_documento", "Tipo de documento", alias: ["tipo documento", "tipo de identificacion"]),
                .init("nombres", "Nombres", obligatoria: true, alias: ["nombre"]),
                .init("apellidos", "Apellidos", obligatoria: true, alias: ["apellido"]),
                .init("correo", "Correo", alias: ["correo electronico", "email", "e mail", "correo institucional"]),
                .init("tipo_vinculacion", "Tipo de vinculación", obligatoria: true,
                      alias: ["vinculacion", "tipo vinculacion", "naturaleza", "naturaleza del empleo", "tipo de nombramiento"]),
                .init("fecha_posesion", "Fecha de posesión", alias: ["fecha posesion", "posesion", "fecha de ingreso", "fecha ingreso"]),
                .init("denominacion", "Denominación del empleo", alias: ["denominacion empleo", "empleo", "cargo"]),
                .init("codigo_empleo", "Código del empleo", alias: ["codigo empleo", "codigo"]),
                .init("grado", "Grado", alias: ["grado empleo"]),
                .init("nivel", "Nivel jerárquico", alias: ["nivel jerarquico", "nivel empleo"]),
                .init("dependencia", "Código dependencia", obligatoria: true, alias: ["codigo dependencia", "dependencia codigo"]),
                .init("jefe_documento", "Documento del jefe inmediato", alias: ["documento jefe", "jefe", "jefe inmediato", "cedula jefe"]),
                .init("derechos_de_carrera", "Derechos de carrera en otro empleo (período de prueba por ascenso)",
                      alias: ["derechos de carrera", "derechos carrera", "ascenso", "periodo de prueba por ascenso"]),
            ]
        }
    }
}

public struct ColumnaImportacion: Sendable, Equatable {
    public let clave: String
    public let titulo: String
    public let obligatoria: Bool
    public let alias: [String]

    public init(_ clave: String, _ titulo: String, obligatoria: Bool = false, alias: [String] = []) {
        self.clave = clave
        self.titulo = titulo
        self.obligatoria = obligatoria
        self.alias = alias
    }

    func reconoce(_ encabezado: String) -> Bool {
        let n = Texto.normalizar(encabezado)
        return n == Texto.normalizar(clave) || n == Texto.normalizar(titulo) || alias.contains(n)
    }
}

public struct FilaDeArchivo: Sendable, Equatable {
    public let linea: Int
    public let celdas: [String]
    public init(linea: Int, celdas: [String]) {
        self.linea = linea
        self.celdas = celdas
    }
}

public struct ErrorDeImportacion: Sendable, Equatable, Codable {
    public let linea: Int
    public let columna: String
    public let motivo: String
    public init(linea: Int, columna: String, motivo: String) {
        self.linea = linea
        self.columna = columna
        self.motivo = motivo
    }
}

/// What the database already holds, so rows can refer to it and be checked against it.
public struct ContextoImportacion: Sendable {
    public var codigosDependencia: Set<String>
    public var documentosServidor: Set<String>
    /// Dependencia código → código of its parent, as stored.
    public var padres: [String: String]
    /// Servant documento → documento of their jefe inmediato, as stored.
    public var jefes: [String: String]
    /// Empleos stored, by `ContextoImportacion.claveEmpleo`, with their nivel.
    public var empleos: [String: NivelJerarquico]

    public init(codigosDependencia: Set<String> = [], documentosServidor: Set<String> = [], padres: [String: String] = [:],
                jefes: [String: String] = [:], empleos: [String: NivelJerarquico] = [:]) {
        self.codigosDependencia = codigosDependencia
        self.documentosServidor = documentosServidor
        self.padres = padres
        self.jefes = jefes
        self.empleos = empleos
    }

    /// An empleo is identified by denominación, código and grado; its nivel follows from them.
    public static func claveEmpleo(denominacion: String, codigo: String, grado: String) -> String {
        "\(Texto.normalizar(denominacion))|\(codigo.trimmingCharacters(in: .whitespaces))|\(grado.trimmingCharacters(in: .whitespaces))"
    }
}

public struct DependenciaImportada: Sendable, Equatable {
    public let linea: Int
    public let codigo: String
    public let nombre: String
    /// nil: keep what is stored (a new dependencia is "otra").
    public let tipo: TipoDependencia?
    /// nil: keep what is stored.
    public let codigoPadre: String?
}

public struct ProcesoImportado: Sendable, Equatable {
    public let linea: Int
    public let codigo: String
    public let nombre: String
    /// nil: keep what is stored (a new proceso is "de apoyo").
    public let tipo: TipoProceso?
    /// nil: keep what is stored.
    public let dependenciaLider: String?
}

public struct ServidorImportado: Sendable, Equatable {
    public struct Empleo: Sendable, Equatable, Hashable {
        public let denominacion: String
        public let codigo: String
        public let grado: String
        public let nivel: NivelJerarquico
        public init(denominacion: String, codigo: String, grado: String, nivel: NivelJerarquico) {
            self.denominacion = denominacion
            self.codigo = codigo
            self.grado = grado
            self.nivel = nivel
        }
    }
    public let linea: Int
    public let documento: String
    /// Optional values are nil when the cell is blank or the column is absent: re-importing keeps what is stored.
    public let tipoDocumento: TipoDocumento?
    public let nombres: String
    public let apellidos: String
    public let correo: String?
    public let tipoVinculacion: TipoVinculacion
    public let fechaPosesion: Fecha?
    public let empleo: Empleo?
    public let dependencia: String
    public let jefeDocumento: String?
    /// In período de prueba, already holds carrera rights in another post (ascenso). Blank: unchanged.
    public var derechosDeCarrera: Bool? = nil
}

public enum RegistrosImportados: Sendable, Equatable {
    case dependencias([DependenciaImportada])
    case procesos([ProcesoImportado])
    case servidores([ServidorImportado])

    public var cantidad: Int {
        switch self {
        case .dependencias(let r): r.count
        case .procesos(let r): r.count
        case .servidores(let r): r.count
        }
    }
}

public struct ResultadoImportacion: Sendable, Equatable {
    public let registros: RegistrosImportados
    public let errores: [ErrorDeImportacion]
    public var esValido: Bool { errores.isEmpty }
}

public enum Importacion {
    /// Validates every row; the first non-empty row holds the headers.
    public static func validar(_ tipo: TipoImportacion, filas: [FilaDeArchivo], contexto: ContextoImportacion) -> ResultadoImportacion {
        var errores: [ErrorDeImportacion] = []
        let conDatos = filas.filter { !$0.celdas.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let encabezado = conDatos.first else {
            return ResultadoImportacion(registros: vacio(tipo),
                                        errores: [.init(linea: 1, columna: "", motivo: "El archivo está vacío: debe tener una fila de encabezados y al menos un registro.")])
        }
        // Map each known column to its index in the file.
        var indices: [String: Int] = [:]
        for (i, titulo) in encabezado.celdas.enumerated() {
            guard let col = tipo.columnas.first(where: { $0.reconoce(titulo) }) else { continue }
            if indices[col.clave] == nil { indices[col.clave] = i }
        }
        for col in tipo.columnas where col.obligatoria && indices[col.clave] == nil {
            errores.append(.init(linea: encabezado.linea, columna: col.titulo,
                                 motivo: "Falta la columna obligatoria «\(col.titulo)»."))
        }
        if !errores.isEmpty { return ResultadoImportacion(registros: vacio(tipo), errores: errores) }
        let datos = Array(conDatos.dropFirst())
        if datos.isEmpty {
            return ResultadoImportacion(registros: vacio(tipo), errores: [.init(linea: encabezado.linea, columna: "", motivo: "El archivo no tiene registros debajo de los encabezados.")])
        }
        let lector = Lector(indices: indices, columnas: tipo.columnas)
        switch tipo {
        case .dependencias:
            let r = validarDependencias(datos, lector, contexto, &errores)
            return ResultadoImportacion(registros: .dependencias(r), errores: errores)
        case .procesos:
            let r = validarProcesos(datos, lector, contexto, &errores)
            return ResultadoImportacion(registros: .procesos(r), errores: errores)
        case .servidores:
            let r = validarServidores(datos, lector, contexto, &errores)
            return ResultadoImportacion(registros: .servidores(r), errores: errores)
        }
    }

    static func vacio(_ tipo: TipoImportacion) -> RegistrosImportados {
        switch tipo {
        case .dependencias: .dependencias([])
        case .procesos: .procesos([])
        case .servidores: .servidores([])
        }
    }

    struct Lector {
        let indices: [String: Int]
        let columnas: [ColumnaImportacion]
        func valor(_ clave: String, _ fila: FilaDeArchivo) -> String {
            guard let i = indices[clave], i < fila.celdas.count else { return "" }
            return fila.celdas[i].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func titulo(_ clave: String) -> String { columnas.first { $0.clave == clave }?.titulo ?? clave }
    }

    /// Matches a value against a catalogue by its raw value, its name, or extra synonyms.
    static func catalogo<T: RawRepresentable & CaseIterable>(_ valor: String, nombre: (T) -> String, sinonimos: [String: T] = [:]) -> T? where T.RawValue == String {
        let n = Texto.normalizar(valor)
        if let s = sinonimos[n] { return s }
        return T.allCases.first { Texto.normalizar($0.rawValue) == n || Texto.normalizar(nombre($0)) == n }
    }

    static func listado<T: CaseIterable>(_ tipo: T.Type, nombre: (T) -> String) -> String {
        T.allCases.map(nombre).joined(separator: ", ")
    }

    static func validarDependencias(_ filas: [FilaDeArchivo], _ l: Lector, _ ctx: ContextoImportacion, _ errores: inout [ErrorDeImportacion]) -> [DependenciaImportada] {
        var vistos: [String: Int] = [:]
        var result: [DependenciaImportada] = []
        for f in filas {
            var ok = true
            func falla(_ clave: String, _ motivo: String) { errores.append(.init(linea: f.linea, columna: l.titulo(clave), motivo: motivo)); ok = false }
            let codigo = l.valor("codigo", f), nombre = l.valor("nombre", f)
            if codigo.isEmpty { falla("codigo", "El código es obligatorio.") }
            if nombre.isEmpty { falla("nombre", "El nombre es obligatorio.") }
            if let m = LongitudMaxima.exceso(codigo, LongitudMaxima.codigoDependencia, etiqueta: "El código") { falla("codigo", m) }
            if let m = LongitudMaxima.exceso(nombre, LongitudMaxima.nombreDependencia, etiqueta: "El nombre") { falla("nombre", m) }
            if let previa = vistos[codigo], !codigo.isEmpty { falla("codigo", "El código \(codigo) ya aparece en la línea \(previa).") }
            var tipo: TipoDependencia?
            let tipoTexto = l.valor("tipo", f)
            if !tipoTexto.isEmpty {
                if let t = catalogo(tipoTexto, nombre: { (t: TipoDependencia) in t.nombre },
                                    sinonimos: ["grupo interno": .grupo, "git": .grupo, "alcaldia": .alcaldiaLocal]) { tipo = t }
                else { falla("tipo", "«\(tipoTexto)» no es un tipo de dependencia. Use uno de: \(listado(TipoDependencia.self) { $0.nombre }).") }
            }
            let padre = l.valor("codigo_padre", f)
            if !padre.isEmpty && padre == codigo { falla("codigo_padre", "Una dependencia no puede depender de sí misma.") }
            if !codigo.isEmpty && vistos[codigo] == nil { vistos[codigo] = f.linea }
            if ok { result.append(.init(linea: f.linea, codigo: codigo, nombre: nombre, tipo: tipo, codigoPadre: padre.isEmpty ? nil : padre)) }
        }
        // Parents must exist in the file or in the entity; and the tree must have no cycles.
        let conocidos = ctx.codigosDependencia.union(vistos.keys)
        for d in result {
            if let p = d.codigoPadre, !conocidos.contains(p) {
                errores.append(.init(linea: d.linea, columna: l.titulo("codigo_padre"), motivo: "La dependencia superior \(p) no existe en la entidad ni en el archivo."))
            }
        }
        var padres: [String: String?] = ctx.padres.mapValues { Optional($0) }
        for d in result where d.codigoPadre != nil { padres[d.codigo] = d.codigoPadre }
        for d in result {
            var actual = padres[d.codigo] ?? nil, pasos = 0
            while let p = actual, pasos <= padres.count {
                if p == d.codigo {
                    errores.append(.init(linea: d.linea, columna: l.titulo("codigo_padre"), motivo: "La dependencia \(d.codigo) queda dentro de sí misma (ciclo en la estructura)."))
                    break
                }
                actual = padres[p] ?? nil
                pasos += 1
            }
        }
        return result
    }

    static func validarProcesos(_ filas: [FilaDeArchivo], _ l: Lector, _ ctx: ContextoImportacion, _ errores: inout [ErrorDeImportacion]) -> [ProcesoImportado] {
        var vistos: [String: Int] = [:]
        var result: [ProcesoImportado] = []
        for f in filas {
            var ok = true
            func falla(_ clave: String, _ motivo: String) { errores.append(.init(linea: f.linea, columna: l.titulo(clave), motivo: motivo)); ok = false }
            let codigo = l.valor("codigo", f), nombre = l.valor("nombre", f)
            if codigo.isEmpty { falla("codigo", "El código es obligatorio.") }
            if nombre.isEmpty { falla("nombre", "El nombre es obligatorio.") }
            if let m = LongitudMaxima.exceso(codigo, LongitudMaxima.codigoProceso, etiqueta: "El código") { falla("codigo", m) }
            if let m = LongitudMaxima.exceso(nombre, LongitudMaxima.nombreProceso, etiqueta: "El nombre") { falla("nombre", m) }
            if let previa = vistos[codigo], !codigo.isEmpty { falla("codigo", "El código \(codigo) ya aparece en la línea \(previa).") }
            var tipo: TipoProceso?
            let tipoTexto = l.valor("tipo", f)
            if !tipoTexto.isEmpty {
                if let t = catalogo(tipoTexto, nombre: { (t: TipoProceso) in t.nombre },
                                    sinonimos: ["apoyo": .apoyo, "evaluacion y control": .evaluacion, "control": .evaluacion]) { tipo = t }
                else { falla("tipo", "«\(tipoTexto)» no es un tipo de proceso. Use uno de: \(listado(TipoProceso.self) { $0.nombre }).") }
            }
            let lider = l.valor("dependencia_lider", f)
            if !lider.isEmpty && !ctx.codigosDependencia.contains(lider) {
                falla("dependencia_lider", "La dependencia \(lider) no existe en la entidad; impórtela primero.")
            }
            if !codigo.isEmpty && vistos[codigo] == nil { vistos[codigo] = f.linea }
            if ok { result.append(.init(linea: f.linea, codigo: codigo, nombre: nombre, tipo: tipo, dependenciaLider: lider.isEmpty ? nil : lider)) }
        }
        return result
    }

    static let sinonimosVinculacion: [String: TipoVinculacion] = [
        "carrera administrativa": .carrera, "de carrera": .carrera, "carrera": .carrera,
        "periodo de prueba": .periodoDePrueba, "en periodo de prueba": .periodoDePrueba, "prueba": .periodoDePrueba,
        "provisionalidad": .provisional, "nombramiento provisional": .provisional,
        "lnr": .libreNombramiento, "libre nombramiento": .libreNombramiento, "libre nombramiento y remocion": .libreNombramiento,
        "gerente": .gerentePublico, "gerente publico": .gerentePublico,
        "temporal": .temporal, "planta temporal": .temporal,
    ]

    /// "1.020.304.050" → "1020304050"; "1020304050.0" (a number cell) → "1020304050".
    public static func documentoLimpio(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix(".0"), t.dropLast(2).allSatisfy(\.isNumber) { t = String(t.dropLast(2)) }
        return t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "").uppercased()
    }

    static func validarServidores(_ filas: [FilaDeArchivo], _ l: Lector, _ ctx: ContextoImportacion, _ errores: inout [ErrorDeImportacion]) -> [ServidorImportado] {
        var vistos: [String: Int] = [:]
        var nivelesEnArchivo: [String: (nivel: NivelJerarquico, linea: Int)] = [:]
        var result: [ServidorImportado] = []
        for f in filas {
            var ok = true
            func falla(_ clave: String, _ motivo: String) { errores.append(.init(linea: f.linea, columna: l.titulo(clave), motivo: motivo)); ok = false }
            // Documents arrive as "1.020.304.050" or "1020304050.0" from spreadsheets.
            let documento = documentoLimpio(l.valor("documento", f))
            if documento.isEmpty { falla("documento", "El documento es obligatorio.") }
            else if documento.count > LongitudMaxima.documento || !documento.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
                falla("documento", "El documento «\(l.valor("documento", f))» solo puede tener letras, números y guiones (máximo \(LongitudMaxima.documento)).")
            }
            if let previa = vistos[documento], !documento.isEmpty { falla("documento", "El documento \(documento) ya aparece en la línea \(previa).") }
            let nombres = l.valor("nombres", f), apellidos = l.valor("apellidos", f)
            if nombres.isEmpty { falla("nombres", "Los nombres son obligatorios.") }
            if apellidos.isEmpty { falla("apellidos", "Los apellidos son obligatorios.") }
            if let m = LongitudMaxima.exceso(nombres, LongitudMaxima.nombres, etiqueta: "El nombre") { falla("nombres", m) }
            if let m = LongitudMaxima.exceso(apellidos, LongitudMaxima.apellidos, etiqueta: "El apellido") { falla("apellidos", m) }
            var tipoDocumento: TipoDocumento?
            let td = l.valor("tipo_documento", f)
            if !td.isEmpty {
                if let t = catalogo(td, nombre: { (t: TipoDocumento) in t.nombre }, sinonimos: ["c c": .cc, "cedula": .cc, "cedula de ciudadania": .cc, "c e": .ce]) { tipoDocumento = t }
                else { falla("tipo_documento", "«\(td)» no es un tipo de documento. Use CC, CE, Pasaporte o PPT.") }
            }
            let correo = l.valor("correo", f)
            if let m = LongitudMaxima.exceso(correo, LongitudMaxima.correo, etiqueta: "El correo") { falla("correo", m) }
            else if !correo.isEmpty && !Texto.esCorreoValido(correo) { falla("correo", "«\(correo)» no es un correo electrónico válido.") }
            let tv = l.valor("tipo_vinculacion", f)
            var vinculacion: TipoVinculacion?
            if tv.isEmpty { falla("tipo_vinculacion", "El tipo de vinculación es obligatorio.") }
            else if let v = catalogo(tv, nombre: { (t: TipoVinculacion) in t.nombre }, sinonimos: sinonimosVinculacion) { vinculacion = v }
            else { falla("tipo_vinculacion", "«\(tv)» no es un tipo de vinculación. Use uno de: \(listado(TipoVinculacion.self) { $0.nombre }).") }
            let fp = l.valor("fecha_posesion", f)
            var posesion: Fecha?
            if !fp.isEmpty {
                if let d = Texto.fecha(fp) { posesion = d } else { falla("fecha_posesion", "«\(fp)» no es una fecha válida; use dd/mm/aaaa.") }
            }
            let denominacion = l.valor("denominacion", f), codigoEmpleo = l.valor("codigo_empleo", f)
            let grado = l.valor("grado", f), nivelTexto = l.valor("nivel", f)
            var empleo: ServidorImportado.Empleo?
            if !(denominacion.isEmpty && codigoEmpleo.isEmpty && grado.isEmpty && nivelTexto.isEmpty) {
                var completo = true
                if denominacion.isEmpty { falla("denominacion", "Falta la denominación del empleo."); completo = false }
                if codigoEmpleo.isEmpty { falla("codigo_empleo", "Falta el código del empleo."); completo = false }
                if grado.isEmpty { falla("grado", "Falta el grado del empleo."); completo = false }
                if let m = LongitudMaxima.exceso(denominacion, LongitudMaxima.denominacionEmpleo, etiqueta: "La denominación") { falla("denominacion", m); completo = false }
                if let m = LongitudMaxima.exceso(codigoEmpleo, LongitudMaxima.codigoEmpleo, etiqueta: "El código del empleo") { falla("codigo_empleo", m); completo = false }
                if let m = LongitudMaxima.exceso(grado, LongitudMaxima.gradoEmpleo, etiqueta: "El grado") { falla("grado", m); completo = false }
                var nivel: NivelJerarquico?
                if nivelTexto.isEmpty { falla("nivel", "Falta el nivel jerárquico."); completo = false }
                else if let n = catalogo(nivelTexto, nombre: { (t: NivelJerarquico) in t.nombre }) { nivel = n }
                else { falla("nivel", "«\(nivelTexto)» no es un nivel jerárquico. Use uno de: \(listado(NivelJerarquico.self) { $0.nombre })."); completo = false }
                if completo, let nivel {
                    let clave = ContextoImportacion.claveEmpleo(denominacion: denominacion, codigo: codigoEmpleo, grado: grado)
                    if let existente = ctx.empleos[clave] ?? nivelesEnArchivo[clave]?.nivel, existente != nivel {
                        let donde = ctx.empleos[clave] != nil ? "en la entidad" : "en la línea \(nivelesEnArchivo[clave]!.linea)"
                        falla("nivel", "El empleo \(denominacion) \(codigoEmpleo)-\(grado) ya está \(donde) con nivel \(existente.nombre).")
                    } else {
                        if nivelesEnArchivo[clave] == nil { nivelesEnArchivo[clave] = (nivel, f.linea) }
                        empleo = .init(denominacion: denominacion, codigo: codigoEmpleo, grado: grado, nivel: nivel)
                    }
                }
            }
            let dependencia = l.valor("dependencia", f)
            if dependencia.isEmpty { falla("dependencia", "El código de la dependencia es obligatorio.") }
            else if !ctx.codigosDependencia.contains(dependencia) { falla("dependencia", "La dependencia \(dependencia) no existe en la entidad; impórtela primero.") }
            let jefe = documentoLimpio(l.valor("jefe_documento", f))
            if !jefe.isEmpty && jefe == documento { falla("jefe_documento", "Un servidor no puede ser su propio jefe inmediato.") }
            if vinculacion == .gerentePublico && (empleo.map { $0.nivel != .directivo } ?? false) {
                falla("nivel", "Un gerente público ocupa un empleo del nivel directivo.")
            }
            let dc = Texto.normalizar(l.valor("derechos_de_carrera", f))
            var derechos: Bool?
            if !dc.isEmpty {
                if ["si", "s", "x", "true", "1", "verdadero"].contains(dc) { derechos = true }
                else if ["no", "n", "false", "0", "falso"].contains(dc) { derechos = false }
                else { falla("derechos_de_carrera", "«\(l.valor("derechos_de_carrera", f))» no es Sí ni No.") }
            }
            if !documento.isEmpty && vistos[documento] == nil { vistos[documento] = f.linea }
            if ok, let vinculacion {
                result.append(.init(linea: f.linea, documento: documento, tipoDocumento: tipoDocumento, nombres: nombres, apellidos: apellidos,
                                    correo: correo.isEmpty ? nil : correo.lowercased(), tipoVinculacion: vinculacion, fechaPosesion: posesion,
                                    empleo: empleo, dependencia: dependencia, jefeDocumento: jefe.isEmpty ? nil : jefe, derechosDeCarrera: derechos))
            }
        }
        let conocidos = ctx.documentosServidor.union(vistos.keys)
        for s in result {
            if let j = s.jefeDocumento, !conocidos.contains(j) {
                errores.append(.init(linea: s.linea, columna: l.titulo("jefe_documento"), motivo: "El jefe con documento \(j) no está en la entidad ni en el archivo."))
            }
        }
        // The chain of command, as stored and as the file leaves it, must not loop.
        var jefes = ctx.jefes
        for s in result { if let j = s.jefeDocumento { jefes[s.documento] = j } }
        for s in result where s.jefeDocumento != nil {
            var actual = jefes[s.documento], pasos = 0
            while let j = actual, pasos <= jefes.count {
                if j == s.documento {
                    errores.append(.init(linea: s.linea, columna: l.titulo("jefe_documento"),
                                         motivo: "La cadena de jefes inmediatos del servidor \(s.documento) vuelve a él mismo (ciclo)."))
                    break
                }
                actual = jefes[j]
                pasos += 1
            }
        }
        return result
    }
}
