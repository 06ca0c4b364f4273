# Finds a JDK 21 or newer. Sourced (never run) by ./mvnw, ./gatehouse and examples/hybrid-demo, so
# all three choose the same JDK. POSIX sh: ./mvnw runs under /bin/sh (dash on Debian) with `set -euf`.
#
# select_jdk sets, and returns 0 when it found one (1 when not):
#   JDK_SELECT_HOME    the chosen JDK's home (java and javac in its bin/), empty when none
#   JDK_SELECT_SOURCE  JAVA_HOME, PATH or search: where it came from
#   JDK_SELECT_WHY     why JAVA_HOME (and the PATH's java) were passed over, for a message
# Order: JAVA_HOME if it is a JDK 21+; then `java` on the PATH if it is one; then the newest JDK 21+
# among the folders Maven's toolchains discovery also looks in (/usr/lib/jvm, /usr/java, /opt/java,
# SDKMAN, ~/.jdks, ~/.m2/jdks, ~/.gradle/jdks, asdf, and macOS's JavaVirtualMachines).

# The feature version (8, 17, 21, 25...) of the JDK or JRE at home $1, from its `release` file or
# else by asking its java; 0 when unknown.
_select_jdk_major() {
  _sj_v=
  if [ -f "$1/release" ]; then
    # Read by the shell rather than sed: a process started costs 5-7 ms on a slow VM, and the
    # launcher asks this on every start.
    while IFS= read -r _sj_line || [ -n "$_sj_line" ]; do
      case $_sj_line in
        JAVA_VERSION=\"*)
          _sj_v=${_sj_line#JAVA_VERSION=\"}
          _sj_v=${_sj_v%%\"*}
          break
          ;;
      esac
      _sj_line=
    done 2>/dev/null <"$1/release" || _sj_v=
  fi
  if [ -z "$_sj_v" ] && [ -x "$1/bin/java" ]; then
    _sj_v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = //p') || _sj_v=
  fi
  case $_sj_v in 1.*) _sj_v=${_sj_v#1.} ;; esac
  _sj_v=${_sj_v%%[!0-9]*}
  echo "${_sj_v:-0}"
}

# Describes the JDK at home $1: "Java N", "Java N without javac" or "not a JDK".
_select_jdk_describe() {
  if [ ! -x "$1/bin/java" ]; then
    echo "not a JDK"
  elif [ ! -x "$1/bin/javac" ]; then
    echo "Java $(_select_jdk_major "$1") without javac"
  else
    echo "Java $(_select_jdk_major "$1")"
  fi
}

# True when description $1 is that of a JDK 21 or newer.
_select_jdk_fits() {
  case $1 in "Java "*[!0-9]* | "not a JDK") return 1 ;; esac
  [ "${1#Java }" -ge 21 ] 2>/dev/null
}

select_jdk() {
  JDK_SELECT_HOME='' JDK_SELECT_SOURCE='' JDK_SELECT_WHY=''

  # 1. JAVA_HOME.
  if [ -n "${JAVA_HOME-}" ]; then
    _sj_jh=$(_select_jdk_describe "$JAVA_HOME")
    if _select_jdk_fits "$_sj_jh"; then
      JDK_SELECT_HOME=$JAVA_HOME JDK_SELECT_SOURCE=JAVA_HOME
      return 0
    fi
    JDK_SELECT_WHY="JAVA_HOME is $_sj_jh ($JAVA_HOME)"
  else
    JDK_SELECT_WHY="JAVA_HOME is unset"
  fi

  # 2. `java` on the PATH: ask it for its java.home (it is often a symlink or a macOS stub).
  _sj_java=$(command -v java 2>/dev/null) || _sj_java=
  if [ -n "$_sj_java" ]; then
    # Cheap first: follow the symlinks to .../bin/java and read the version from the `release` file
    # beside it. Starting that java to ask costs half a second or more, and is left for when there is
    # no such file (a macOS stub, an old JRE layout) or no readlink -f.
    _sj_home=
    _sj_real=$(readlink -f "$_sj_java" 2>/dev/null) || _sj_real=
    case $_sj_real in
      */bin/java) if [ -f "${_sj_real%/bin/java}/release" ]; then _sj_home=${_sj_real%/bin/java}; fi ;;
    esac
    if [ -z "$_sj_home" ]; then
      _sj_home=$("$_sj_java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p') ||
        _sj_home=
    fi
    if [ -n "$_sj_home" ]; then
      _sj_desc=$(_select_jdk_describe "$_sj_home")
      if _select_jdk_fits "$_sj_desc"; then
        JDK_SELECT_HOME=$_sj_home JDK_SELECT_SOURCE=PATH
        JDK_SELECT_WHY="$JDK_SELECT_WHY but java on the PATH is ${_sj_desc#Java }"
        return 0
      fi
      JDK_SELECT_WHY="$JDK_SELECT_WHY and java on the PATH is ${_sj_desc#Java }"
    else
      JDK_SELECT_WHY="$JDK_SELECT_WHY and java on the PATH ($_sj_java) does not run"
    fi
  else
    JDK_SELECT_WHY="$JDK_SELECT_WHY and there is no java on the PATH"
  fi

  # 3. The newest JDK 21+ in the usual folders (the first found wins a tie).
  case $- in *f*) _sj_noglob=yes && set +f ;; *) _sj_noglob= ;; esac
  _sj_best=0
  for _sj_dir in /usr/lib/jvm/* /usr/java/* /opt/java/* \
    "${SDKMAN_DIR:-${HOME-}/.sdkman}"/candidates/java/* "${HOME-}"/.jdks/* "${HOME-}"/.m2/jdks/* \
    "${HOME-}"/.gradle/jdks/* "${HOME-}"/.asdf/installs/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
    "${HOME-}"/Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -x "$_sj_dir/bin/java" ] && [ -x "$_sj_dir/bin/javac" ]; then
      _sj_major=$(_select_jdk_major "$_sj_dir")
      if [ "$_sj_major" -ge 21 ] && [ "$_sj_major" -gt "$_sj_best" ]; then
        _sj_best=$_sj_major JDK_SELECT_HOME=${_sj_dir%/}
      fi
    fi
  done
  if [ -n "$_sj_noglob" ]; then set -f; fi

  if [ -n "$JDK_SELECT_HOME" ]; then
    JDK_SELECT_SOURCE=search
    return 0
  fi
  return 1
}
