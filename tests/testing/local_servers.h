// Throwaway PostgreSQL and Redis servers for tests: started on 127.0.0.1 with a random free port in
// a temp dir, stopped and deleted by the destructor. No systemd, no shared state between tests.
// A server whose binaries are absent is reported by `available() == false` with a reason, so the
// test can GTEST_SKIP with a clear message; any other failure to start is a test failure.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace aigis::testing {

// A port that was free a moment ago (bind to port 0, read it back, close).
inline int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) {
    close(fd);
    return 0;
  }
  socklen_t len = sizeof(a);
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

inline bool CanConnect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0;
  close(fd);
  return ok;
}

inline std::string MakeTempDir(const char* prefix) {
  std::string tmpl = std::string("/tmp/") + prefix + "XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!mkdtemp(buf.data())) return "";
  return buf.data();
}

class LocalPostgres {
 public:
  static constexpr const char* kBinDir = "/usr/lib/postgresql/15/bin";

  LocalPostgres() {
    if (!std::filesystem::exists(std::string(kBinDir) + "/initdb")) {
      skip_reason_ = std::string("PostgreSQL binaries not found in ") + kBinDir;
      return;
    }
    dir_ = MakeTempDir("aigis-pg-");
    if (dir_.empty()) {
      error_ = "mkdtemp failed";
      return;
    }
    // initdb and pg_ctl refuse to run as root: run them as the postgres system user.
    if (geteuid() == 0) {
      passwd* pw = getpwnam("postgres");
      if (!pw) {
        error_ = "running as root but there is no postgres user";
        return;
      }
      if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
        error_ = "chown of the temp dir failed";
        return;
      }
      as_ = "runuser -u postgres -- ";
    }
    port_ = FreeLoopbackPort();
    std::string data = dir_ + "/data";
    std::string init = as_ + kBinDir + "/initdb -D " + data +
                       " -A trust -U aigis -E UTF8 --no-sync >" + dir_ + "/initdb.log 2>&1";
    if (std::system(init.c_str()) != 0) {
      error_ = "initdb failed, see " + dir_ + "/initdb.log";
      return;
    }
    // fsync off: the tests check our locking and chaining, not the server's disk flushes.
    std::string start = as_ + kBinDir + "/pg_ctl -D " + data + " -l " + dir_ +
                        "/server.log -w -t 60 -o \"-p " + std::to_string(port_) + " -k " + dir_ +
                        " -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null 2>&1";
    if (std::system(start.c_str()) != 0) {
      error_ = "pg_ctl start failed, see " + dir_ + "/server.log";
      return;
    }
    running_ = true;
  }
  ~LocalPostgres() {
    if (running_) {
      std::string stop =
          as_ + kBinDir + "/pg_ctl -D " + dir_ + "/data -m immediate -w stop >/dev/null 2>&1";
      (void)std::system(stop.c_str());
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  bool available() const { return skip_reason_.empty(); }
  const std::string& skip_reason() const { return skip_reason_; }
  bool running() const { return running_; }
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  std::string ConnInfo(const std::string& db = "postgres") const {
    return "host=127.0.0.1 port=" + std::to_string(port_) + " user=aigis dbname=" + db;
  }

 private:
  std::string dir_, as_, skip_reason_, error_;
  int port_ = 0;
  bool running_ = false;
};

class LocalRedis {
 public:
  LocalRedis() {
    const char* bin = "/usr/bin/redis-server";
    if (!std::filesystem::exists(bin)) {
      skip_reason_ = "redis-server not found at /usr/bin/redis-server";
      return;
    }
    dir_ = MakeTempDir("aigis-redis-");
    port_ = FreeLoopbackPort();
    pid_ = fork();
    if (pid_ == 0) {
      std::string port = std::to_string(port_);
      std::string log = dir_ + "/redis.log";
      execl(bin, bin, "--port", port.c_str(), "--bind", "127.0.0.1", "--save", "", "--appendonly",
            "no", "--dir", dir_.c_str(), "--logfile", log.c_str(), nullptr);
      _exit(127);
    }
    // Wait until it accepts connections (a readiness wait, not a timing assertion).
    for (int i = 0; i < 500 && !CanConnect(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (!CanConnect(port_)) error_ = "redis-server did not start, see " + dir_ + "/redis.log";
  }
  ~LocalRedis() {
    Stop();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  bool available() const { return skip_reason_.empty(); }
  const std::string& skip_reason() const { return skip_reason_; }
  bool running() const { return pid_ > 0 && error_.empty(); }
  const std::string& error() const { return error_; }
  int port() const { return port_; }

 private:
  std::string dir_, skip_reason_, error_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace aigis::testing
